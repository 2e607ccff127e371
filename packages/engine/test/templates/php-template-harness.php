<?php
// Plays the supervisor's side of the template protocol (runner-base/supervisor/PROTOCOL.md,
// "Templates") for one request, as root in the php image: starts the template with the given
// arguments, sends one run of /box/main.php (its mode given in octal; with mode `otherenv`, in
// another environment than the template's) and prints what came back.
// php -r <this> -- same|otherenv <mode> [template arguments...]
[$mode, $perm] = [$argv[1], $argv[2]];
file_put_contents(
    '/box/main.php',
    "<?php echo 'ran as ', posix_getuid(), ' ', \$argv[1], ': ', strtr(file_get_contents('/proc/self/cmdline'), \"\\0\", ' '), PHP_EOL;",
);
chmod('/box/main.php', octdec($perm));
[$ours, $theirs] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_SEQPACKET, 0);
$env = $mode === 'otherenv' ? ['X' => '1'] : null;
$proc = proc_open(['/usr/local/lib/warmbox/template', ...array_slice($argv, 3)], [0 => ['pipe', 'r'], 1 => STDERR, 2 => STDERR, 3 => $theirs], $pipes);
fclose($theirs);
$sock = socket_import_stream($ours);
echo 'ready: ', unpack('l', socket_read($sock, 4))[1], "\n";
$pairs = [];
for ($i = 0; $i < 4; $i++) {
    $pairs[] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0); // stdin, stdout, stderr, status
}
$environ = $mode === 'otherenv' ? ['X=1'] : array_map(fn ($k, $v) => "$k=$v", array_keys(getenv()), getenv());
$request = implode("\0", ['0', '0', '3', 'php', './main.php', 'arg', ...$environ]) . "\0";
socket_sendmsg($sock, ['iov' => [$request], 'control' => [['level' => SOL_SOCKET, 'type' => SCM_RIGHTS, 'data' => [$pairs[0][1], $pairs[1][1], $pairs[2][1], $pairs[3][1]]]]], 0);
foreach ($pairs as $pair) {
    fclose($pair[1]);
}
$pid = unpack('l', socket_read($sock, 4))[1];
echo "pid>0: ", var_export($pid > 0, true), "\n";
fclose($pairs[0][0]);
echo "status: ", json_encode(stream_get_contents($pairs[3][0]), JSON_UNESCAPED_SLASHES), "\n";
echo "stdout: ", json_encode(stream_get_contents($pairs[1][0]), JSON_UNESCAPED_SLASHES), "\n";
echo "stderr: ", json_encode(stream_get_contents($pairs[2][0]), JSON_UNESCAPED_SLASHES), "\n";
pcntl_waitpid($pid, $status);
echo "exit: ", pcntl_wexitstatus($status), "\n";
