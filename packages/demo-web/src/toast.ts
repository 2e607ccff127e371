/** A short message at the bottom of the page, read out by screen readers, gone after a while. */
export function createToast(element: HTMLElement): (message: string, ms?: number) => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return (message, ms = 3200) => {
    element.textContent = message;
    element.hidden = false;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      element.hidden = true;
    }, ms);
  };
}
