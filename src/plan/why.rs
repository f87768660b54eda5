//! Why a chosen session was chosen, in the one wording the table, Markdown, CSV and iCalendar
//! all use.

use super::Plan;

/// Why session `i` of a plan was chosen: `fills free time` for a talk that only fills free
/// time, `must-see` for a must-see that matches no interest, else the reasons of its score
/// (`bpf +3`, `"rust" in abstract +0.5`, …).
pub(crate) fn why_chosen(plan: &Plan, i: usize) -> Vec<String> {
    let scored = &plan.scores[i];
    if plan.filled.contains(&i) {
        vec!["fills free time".to_string()]
    } else if scored.reasons.is_empty() {
        vec!["must-see".to_string()]
    } else {
        scored.reasons.clone()
    }
}
