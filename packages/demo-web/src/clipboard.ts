/** Copies text and says so; without clipboard permission the caller's selection stays for Ctrl+C. */
export async function copyText(
  text: string,
  done: string,
  toast: (message: string) => void,
): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    toast(done);
  } catch {
    // No clipboard permission: the text stays selected for Ctrl+C.
  }
}
