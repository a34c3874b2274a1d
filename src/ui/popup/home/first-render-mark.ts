/** Set once per page load when the home list first shows real data; `npm run bench` reads it. */
export const HOME_LIST_MARK = 'sigil:home-list-rendered';

let marked = false;

export function markHomeListRendered(): void {
  if (marked) return;
  marked = true;
  performance.mark(HOME_LIST_MARK);
}
