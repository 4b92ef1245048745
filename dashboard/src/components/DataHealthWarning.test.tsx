import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { DataHealthWarning } from "./DataHealthWarning";

const whole = { deadLetters: 0, faultedMessages: 0, projections: [{ name: "usage_rollups", deadLetters: 0 }] };

describe("DataHealthWarning", () => {
  it("says nothing while the figures hold every record, or before the answer", () => {
    const { container, rerender } = render(<DataHealthWarning health={whole} />);
    expect(container.textContent).toBe("");
    rerender(<DataHealthWarning health={null} />);
    expect(screen.queryByTestId("data-health-warning")).toBeNull();
  });

  it("warns of dead letters, naming the projections that set them aside", () => {
    render(
      <DataHealthWarning
        health={{ deadLetters: 5, faultedMessages: 0, projections: [{ name: "usage_rollups", deadLetters: 4 }, { name: "user_rollups", deadLetters: 1 }, { name: "usage_log", deadLetters: 0 }] }}
      />,
    );
    expect(screen.getByRole("status").textContent).toContain("Figures miss 5 events set aside (usage_rollups 4, user_rollups 1).");
    expect(screen.queryByTestId("faulted-messages")).toBeNull();
  });

  it("warns of parked bus messages, and of both at once", () => {
    const { rerender } = render(<DataHealthWarning health={{ ...whole, faultedMessages: 1 }} />);
    expect(screen.getByTestId("faulted-messages").textContent).toBe("1 bus message is parked, not stored.");
    rerender(<DataHealthWarning health={{ deadLetters: 1, faultedMessages: 1200, projections: [{ name: "usage_rollups", deadLetters: 1 }] }} />);
    expect(screen.getByTestId("dead-letters").textContent).toBe("Figures miss 1 event set aside (usage_rollups 1).");
    expect(screen.getByTestId("faulted-messages").textContent).toBe("1,200 bus messages are parked, not stored.");
  });
});
