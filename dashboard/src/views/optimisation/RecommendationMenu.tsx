import { useEffect, useRef, useState } from "react";
import type { Recommendation } from "../../api/types";
import type { RecommendationAction } from "../RecommendationForms";

export type MenuChoice = "accept" | RecommendationAction;

interface RecommendationMenuProps {
  recommendation: Recommendation;
  busy: boolean;
  onChoose: (choice: MenuChoice) => void;
}

/** One "Actions" button per recommendation instead of four: the choices open below it. Escape or a click elsewhere closes it. */
export function RecommendationMenu({ recommendation: r, busy, onChoose }: RecommendationMenuProps) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", close);
    document.addEventListener("mousedown", close);
    return () => {
      document.removeEventListener("keydown", close);
      document.removeEventListener("mousedown", close);
    };
  }, [open]);

  const choices: [MenuChoice, string][] = [
    ["accept", "Accept"],
    ["dismiss", "Dismiss…"],
    ["snooze", "Snooze…"],
    ...(r.candidateModel ? ([["test", "Test with prompts…"]] as [MenuChoice, string][]) : []),
  ];
  return (
    <div className="action-menu" ref={root}>
      <button aria-haspopup="menu" aria-expanded={open} disabled={busy} onClick={() => setOpen((o) => !o)} data-testid={`actions-${r.id}`}>
        Actions ▾
      </button>
      {open ? (
        <ul role="menu" aria-label={`Actions for ${r.change}`}>
          {choices.map(([choice, label]) => (
            <li key={choice} role="none">
              <button role="menuitem" data-testid={`${choice}-${r.id}`} onClick={() => { setOpen(false); onChoose(choice); }}>
                {label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
