<?php
// What a run can see of templates: the bytes of its arguments, whether it is a template's clone
// (its command line is the template's), and its template (root's process with that command line:
// pid, minor page faults so far, anonymous resident KiB), or "none".
const TEMPLATE = '/usr/local/lib/warmbox/template';
$commandOf = fn (int $pid) => explode("\0", (string) @file_get_contents("/proc/$pid/cmdline"))[1] ?? '';
$template = 0;
foreach (scandir('/proc') as $entry) {
    if (ctype_digit($entry) && (int) $entry !== getmypid() && $commandOf((int) $entry) === TEMPLATE
        && str_contains((string) @file_get_contents("/proc/$entry/status"), "\nUid:\t0\t")) {
        $template = (int) $entry;
    }
}
echo 'args=', array_sum(array_map('strlen', array_slice($argv, 1))), "\n";
echo 'self=', $commandOf(getmypid()) === TEMPLATE ? 'clone' : 'fresh', "\n";
if ($template > 0) {
    $stat = file_get_contents("/proc/$template/stat");
    preg_match('/^RssAnon:\s+(\d+)/m', file_get_contents("/proc/$template/status"), $rss);
    echo "template=$template\n", 'minflt=', explode(' ', substr($stat, strrpos($stat, ')') + 2))[7], "\n", "rssanon=$rss[1]\n";
} else {
    echo "template=none\n";
}
