// What the image trains its class-data-sharing archives on (see the Dockerfile): a compile and a
// run of a typical short program, so the classes javac and the JDK load for one are archived.
import java.io.*;
import java.util.*;
import java.util.stream.*;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(System.in));
        String line = reader.readLine();
        Scanner scanner = new Scanner("1 2 3\nword");
        int sum = scanner.nextInt() + scanner.nextInt() + scanner.nextInt();
        List<Integer> list = new ArrayList<>(List.of(3, 1, 2));
        Collections.sort(list);
        Map<String, Integer> map = new HashMap<>();
        map.merge("a", 1, Integer::sum);
        String joined = list.stream().map(String::valueOf).collect(Collectors.joining(","));
        StringBuilder out = new StringBuilder();
        out.append("sum=" + sum + " line=" + line + " " + joined + " " + map);
        System.out.println(out);
        System.out.printf("%d %.2f %s%n", sum, Math.sqrt(sum), Arrays.toString(args));
        PrintWriter writer = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out)));
        writer.println(String.format("%5d", sum));
        writer.flush();
    }
}
