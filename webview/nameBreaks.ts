/**
 * Splits a name where a line may break: after `_`, `.`, `-`, `/` or `:`, and where camelCase starts a
 * new word (`ProteinRichMealPlanner_generateList` → `Protein`, `Rich`, `Meal`, `Planner_`,
 * `generate`, `List`). Joined, the parts are the name again.
 */
export function nameParts(name: string): string[] {
  return name.split(/(?<=[_./:-])(?=.)|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/);
}
