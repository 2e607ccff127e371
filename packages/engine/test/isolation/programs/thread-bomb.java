/*
 * Thread bomb: starts sleeping threads until the JVM is refused one, catches the error and
 * exits with its own code.
 */
public class Main {
  public static void main(String[] args) throws Exception {
    int n = 0;
    try {
      for (;;) { Thread t = new Thread(() -> { try { Thread.sleep(60_000); } catch (InterruptedException e) {} });
        t.setDaemon(true); t.start(); n++; }
    } catch (Throwable e) { System.out.println("refused=" + e.getClass().getSimpleName()); }
    System.out.println("threads=" + n);
    Runtime.getRuntime().halt(3);
  }
}
