import { isolationTest } from "../isolation/isolation-test.js";
import {
  expectKilledTemplateReplaced,
  expectTemplateUnreachable,
} from "./template-test-helpers.js";

/**
 * A program tries to reach or poison the PHP template (docs/templates.md) that started it, with
 * PHP's FFI (enabled for every CLI program, as in a fresh run). Every attempt is refused by the
 * kernel (its errno is the proof), the template runs on unchanged, a template killed from
 * outside is replaced, and what a run leaves behind is swept.
 */
const test = isolationTest({ languages: ["php"], pool: { min: 1, max: 1 } });

const FIND_TEMPLATE = `<?php
function template_pid(): int {
    foreach (scandir('/proc') as $entry) {
        if (ctype_digit($entry) && (int) $entry !== getmypid()
            && str_starts_with((string) @file_get_contents("/proc/$entry/cmdline"), "php\\0/usr/local/lib/warmbox/template\\0")
            && preg_match('/^Uid:\\t0\\t/m', (string) @file_get_contents("/proc/$entry/status"))) {
            return (int) $entry;
        }
    }
    return 0;
}
echo 'template ', template_pid(), "\\n";
`;

const ATTACK = `${FIND_TEMPLATE}
$t = template_pid();
$c = FFI::cdef('
    long syscall(long, long, long, long, long, long, long);
    int kill(int, int);
    long ptrace(long, long, long, long);
    int setpriority(int, int, int);
    int *__errno_location(void);
');
$names = [1 => 'EPERM', 2 => 'ENOENT', 3 => 'ESRCH', 13 => 'EACCES', 30 => 'EROFS'];
$errno = fn () => $names[$c->__errno_location()[0]] ?? (string) $c->__errno_location()[0];
function attempt(string $name, callable $action, callable $errno): void {
    echo $name, ' ', $action() === -1 ? $errno() : 'done', "\\n";
}
$open = fn (string $path, string $mode) => fn () => @fopen($path, $mode) === false ? -1 : 0;
$mask = FFI::new('unsigned long');
$mask->cdata = 1;
$buffer = FFI::new('char[8]');
$local = FFI::new('long[2]');
$local[0] = FFI::cast('long', FFI::addr($buffer[0]))->cdata;
$local[1] = 8;
$remote = FFI::new('long[2]');
$remote[0] = 0x400000;
$remote[1] = 8;
$address = fn ($cdata) => FFI::cast('long', FFI::addr($cdata))->cdata;
attempt('kill', fn () => $c->kill($t, 9), $errno);
attempt('stop', fn () => $c->kill($t, 19), $errno);
attempt('ptrace', fn () => $c->ptrace(16, $t, 0, 0), $errno); // PTRACE_ATTACH
attempt('seize', fn () => $c->ptrace(0x4206, $t, 0, 0), $errno); // PTRACE_SEIZE
attempt('mem', $open("/proc/$t/mem", 'rb'), fn () => 'EACCES');
attempt('process_vm_readv', fn () => $c->syscall(310, $t, $address($local), 1, $address($remote), 1, 0), $errno);
attempt('fds', fn () => @scandir("/proc/$t/fd") === false ? -1 : 0, fn () => 'EACCES');
attempt('socket', $open("/proc/$t/fd/3", 'wb'), fn () => 'EACCES');
attempt('environ', $open("/proc/$t/environ", 'rb'), fn () => 'EACCES');
attempt('nice', fn () => $c->setpriority(0, $t, 19), $errno);
attempt('affinity', fn () => $c->syscall(203, $t, 8, $address($mask), 0, 0, 0), $errno); // sched_setaffinity
attempt('template file', $open('/usr/local/lib/warmbox/template', 'ab'), fn () => 'EACCES');
attempt('extension dir', $open('/usr/lib/php/20220829/ffi.so', 'ab'), fn () => 'EACCES');
attempt('ini dir', $open('/etc/php/8.2/cli/conf.d/99-poison.ini', 'wb'), fn () => 'EROFS');
foreach (['/tmp', '/dev/shm', '/box'] as $place) {
    file_put_contents("$place/php.ini", "auto_prepend_file=$place/poison.php\\n");
    file_put_contents("$place/poison.php", "<?php echo 'POISONED';");
}
// Something left behind: the sweep must kill it.
if (pcntl_fork() === 0) {
    posix_setsid();
    sleep(60);
}
`;

const AFTER = `${FIND_TEMPLATE}
var_dump(php_ini_loaded_file(), ini_get('auto_prepend_file'), get_included_files());
echo trim(file_get_contents('/sys/fs/cgroup/pids/pids.current')), "\\n";
`;

test("a program can't signal, trace, read or poison its template", async ({ engine, unharmed }) => {
  // The next run starts from the same template, with the ini of a fresh start; of the job's
  // processes only the program is left (the kernel's count: init, supervisor, template, it).
  await expectTemplateUnreachable(
    engine,
    "php",
    { attack: ATTACK, after: AFTER },
    {
      ownRefusals: ["template file EACCES", "extension dir EACCES", "ini dir EROFS"],
      afterReport: `string(24) "/etc/php/8.2/cli/php.ini"\nstring(0) ""\narray(1) {\n  [0]=>\n  string(13) "/box/main.php"\n}\n4\n`,
    },
  );
  await unharmed(["php"]);
});

test("a template killed from outside is replaced", async ({ engine, unharmed }) => {
  await expectKilledTemplateReplaced(engine, "php", FIND_TEMPLATE);
  await unharmed(["php"]);
});
