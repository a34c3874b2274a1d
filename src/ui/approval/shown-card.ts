/** Which request card is on screen, and whether it replaced the previous one without the person asking. */
export interface ShownCard {
  id: string;
  replacedWithoutAsking: boolean;
}

export interface PersonActions {
  /** Requests the person decided (or began to decide) in this window. */
  decided: ReadonlySet<string>;
  /** The request the person last picked in the queue, if any. */
  chosen: string | null;
}

/**
 * The card to show next. A change of card is the person's when they decided the previous card or
 * picked the new one; any other change means the site withdrew the card that was on screen.
 */
export function nextShownCard(previous: ShownCard | null, id: string, actions: PersonActions): ShownCard {
  if (previous === null) return { id, replacedWithoutAsking: false };
  if (previous.id === id) return previous;
  const persons = actions.decided.has(previous.id) || actions.chosen === id;
  return { id, replacedWithoutAsking: !persons };
}
