import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Recommendation } from "../api/types";
import { recommendation } from "../test/fakeApi";
import { DismissForm, SnoozeForm, TestPromptsForm } from "./RecommendationForms";

const r = recommendation("r1") as unknown as Recommendation;

function handlers() {
  return { onSubmit: vi.fn(), onCancel: vi.fn() };
}

describe("DismissForm", () => {
  it("takes focus on its labelled reason and sends it trimmed", () => {
    const h = handlers();
    render(<DismissForm recommendation={r} busy={false} {...h} />);
    const reason = screen.getByLabelText("Why dismiss it? (optional)");
    expect(document.activeElement).toBe(reason);
    fireEvent.change(reason, { target: { value: "  quality matters here  " } });
    fireEvent.submit(screen.getByRole("form", { name: `Dismiss: ${r.change}` }));
    expect(h.onSubmit).toHaveBeenCalledWith({ reason: "quality matters here" });
  });

  it("sends no reason when none is given", () => {
    const h = handlers();
    render(<DismissForm recommendation={r} busy={false} {...h} />);
    fireEvent.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(h.onSubmit).toHaveBeenCalledWith({ reason: null });
  });

  it("cancels with Escape or the Cancel button, sending nothing", () => {
    const h = handlers();
    render(<DismissForm recommendation={r} busy={false} {...h} />);
    fireEvent.keyDown(screen.getByLabelText("Why dismiss it? (optional)"), { key: "Escape" });
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(h.onCancel).toHaveBeenCalledTimes(2);
    expect(h.onSubmit).not.toHaveBeenCalled();
  });

  it("cannot be sent twice while the first is on its way", () => {
    render(<DismissForm recommendation={r} busy={true} {...handlers()} />);
    expect((screen.getByRole("button", { name: "Dismiss" }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe("SnoozeForm", () => {
  const now = new Date("2026-03-10T15:00:00Z");

  it("offers a week from today and sends the day's start in UTC", () => {
    const h = handlers();
    render(<SnoozeForm recommendation={r} busy={false} now={now} {...h} />);
    const until = screen.getByLabelText("Hide it until (UTC day)") as HTMLInputElement;
    expect(until.value).toBe("2026-03-17");
    expect(until.min).toBe("2026-03-11");
    fireEvent.change(until, { target: { value: "2026-04-01" } });
    fireEvent.click(screen.getByRole("button", { name: "Snooze" }));
    expect(h.onSubmit).toHaveBeenCalledWith({ until: "2026-04-01T00:00:00Z" });
  });

  it("refuses today or a past day, saying which days it takes", () => {
    const h = handlers();
    render(<SnoozeForm recommendation={r} busy={false} now={now} {...h} />);
    fireEvent.change(screen.getByLabelText("Hide it until (UTC day)"), { target: { value: "2026-03-10" } });
    fireEvent.click(screen.getByRole("button", { name: "Snooze" }));
    expect(screen.getByRole("alert").textContent).toBe("Choose a day from 2026-03-11 on.");
    expect(h.onSubmit).not.toHaveBeenCalled();
  });
});

describe("TestPromptsForm", () => {
  it("sends one prompt per non-empty line", () => {
    const h = handlers();
    render(<TestPromptsForm recommendation={r} busy={false} {...h} />);
    const prompts = screen.getByLabelText(/Prompts to send to both models/);
    expect(document.activeElement).toBe(prompts);
    fireEvent.change(prompts, { target: { value: "Summarise this ticket\n\n  Translate to French  \n" } });
    fireEvent.click(screen.getByRole("button", { name: "Run test" }));
    expect(h.onSubmit).toHaveBeenCalledWith({ prompts: ["Summarise this ticket", "Translate to French"] });
  });

  it("asks for a prompt instead of sending none", () => {
    const h = handlers();
    render(<TestPromptsForm recommendation={r} busy={false} {...h} />);
    fireEvent.click(screen.getByRole("button", { name: "Run test" }));
    expect(screen.getByRole("alert").textContent).toBe("Write at least one prompt.");
    expect(h.onSubmit).not.toHaveBeenCalled();
  });
});
