import { SANDBOX_UIDS } from "../../src/docker/sandbox-uids.js";
import type { TemplateProgram } from "./python-template-programs.js";

/**
 * Programs whose whole output (stdout, stderr, exit code, signal) is the same whether the run
 * was started by the PHP template or by a fresh `php main.php`: each prints facts about how it
 * was started, never a value that differs from run to run (a pid or a time is printed as its
 * relation to others).
 */
const php = (...lines: string[]) => `<?php\n${lines.join("\n")}\n`;

export const phpTemplatePrograms: Record<string, TemplateProgram> = {
  "$argv and $argc": {
    source: php("var_dump($argv, $argc, $GLOBALS['argv'] === $argv, getopt('t:', ['two']));"),
    args: ["one", "-two", "$(three)", ""],
  },
  "$_SERVER's keys and script names": {
    source: php(
      "var_dump(array_keys($_SERVER));",
      "foreach (['PHP_SELF', 'SCRIPT_NAME', 'SCRIPT_FILENAME', 'PATH_TRANSLATED', 'DOCUMENT_ROOT', 'argv', 'argc'] as $k) var_dump($_SERVER[$k]);",
    ),
    args: ["x"],
  },
  "$_SERVER's request time is now": {
    source: php(
      "$now = microtime(true);",
      "var_dump(abs($_SERVER['REQUEST_TIME_FLOAT'] - $now) < 5, $_SERVER['REQUEST_TIME'] === (int) $_SERVER['REQUEST_TIME_FLOAT']);",
    ),
  },
  "$_ENV, $_REQUEST and the other superglobals": {
    source: php("var_dump($_ENV, $_REQUEST, $_GET, $_POST, $_COOKIE, $_FILES);"),
  },
  "the global variables at start": {
    source: php("var_dump(array_keys($GLOBALS), array_keys(get_defined_vars()));", "$mine = 1;"),
  },
  "__FILE__, __DIR__, __LINE__ and the included files": {
    source: php(
      "var_dump(__FILE__, __DIR__, __LINE__, get_included_files(), get_required_files());",
    ),
  },
  "an included file": {
    files: [
      {
        name: "main.php",
        content: php("require 'helper.php';", "var_dump(helper(), get_included_files());"),
      },
      {
        name: "helper.php",
        content: php(
          "function helper() { return [__FILE__, debug_backtrace()]; }",
          "var_dump(debug_backtrace());",
        ),
      },
    ],
  },
  "declared functions, classes, interfaces and constants": {
    source: php(
      "var_dump(get_defined_functions()['user'], get_defined_constants(true)['user'] ?? null);",
      "var_dump(count(get_declared_classes()), count(get_declared_interfaces()), count(get_declared_traits()));",
      "var_dump(function_exists('main'), class_exists('Template', false));",
    ),
  },
  "the ini of a fresh start": {
    source: php(
      "var_dump(ini_get_all(null, false), php_ini_loaded_file(), php_ini_scanned_files());",
    ),
  },
  "loaded extensions and the SAPI": {
    source: php(
      "var_dump(get_loaded_extensions(), get_loaded_extensions(true), PHP_SAPI, php_sapi_name(), PHP_BINARY, PHP_OS);",
    ),
  },
  "object handles start at 1": {
    source: php(
      "$a = new stdClass; $b = new ArrayObject([]); $f = fn () => 1;",
      "var_dump($a, spl_object_id($b), spl_object_id($f), spl_object_hash($a));",
    ),
  },
  "resource ids": {
    source: php("var_dump(STDIN, STDOUT, STDERR, fopen('php://memory', 'r'), opendir('/box'));"),
  },
  "the pid and its parent": {
    source: php(
      "var_dump(getmypid() === posix_getpid(), posix_getppid() !== getmypid(), posix_getpgrp() === getmypid(), posix_getsid(0) === getmypid());",
    ),
  },
  "credentials, umask and working directory": {
    source: php(
      // every container has a uid of its own: the same facts, not the same number
      "$uid = fileowner('/box');",
      `var_dump(posix_getuid() === $uid, posix_geteuid() === $uid, $uid >= ${SANDBOX_UIDS.first} && $uid <= ${SANDBOX_UIDS.last}, posix_getpwuid($uid)['name'], getmyuid() === $uid);`,
      "var_dump(posix_getgid(), posix_getgroups(), umask(), getcwd(), getmygid(), getmyinode() === fileinode(__FILE__), getlastmod() === filemtime(__FILE__));",
    ),
  },
  "limits and capabilities": {
    source: php(
      "var_dump(posix_getrlimit());",
      // SigQ is the uid's count (every job of the container): not the program's own
      "echo preg_replace('/^(?!Cap|NoNewPrivs|Seccomp|SigPnd|ShdPnd|SigBlk|SigIgn|SigCgt|Cpus_allowed).*\\n/m', '', file_get_contents('/proc/self/status'));",
      "echo file_get_contents('/proc/self/oom_score_adj');",
    ),
  },
  "the stat cache after the script changed": {
    source: php(
      "$f = fopen('./main.php', 'a'); fwrite($f, '// more'); fclose($f);",
      "var_dump(filesize('./main.php') === strlen(file_get_contents('./main.php')), is_file('./main.php'));",
    ),
  },
  "the realpath cache": {
    source: php(
      "var_dump(array_map(fn ($e) => [$e['key'] > 0, $e['is_dir'], $e['realpath']], realpath_cache_get()), realpath_cache_size() > 0);",
    ),
  },
  "files used by shutdown functions and destructors, and the fds then": {
    source: php(
      "$f = fopen('/tmp/out', 'w');",
      "class W { function __construct(public $f) {} function __destruct() { var_dump(fwrite($this->f, 'd'), scandir('/proc/self/fd')); } }",
      "$w = new W($f);",
      "register_shutdown_function(function () use ($f) { var_dump(fwrite($f, 'abc'), scandir('/proc/self/fd')); });",
    ),
  },
  "include_once of itself, the include path, __halt_compiler data": {
    source: php(
      "var_dump(include_once __FILE__, stream_resolve_include_path('main.php'), get_include_path());",
      "$f = fopen(__FILE__, 'r'); fseek($f, __COMPILER_HALT_OFFSET__); var_dump(stream_get_contents($f));",
      "__halt_compiler();data after the halt",
    ),
  },
  "cycles collected, ticks, opcache": {
    source: php(
      "declare(ticks=1);",
      "$ticks = 0; register_tick_function(function () use (&$ticks) { $ticks++; });",
      "for ($i = 0; $i < 100; $i++) { $a = new stdClass; $b = new stdClass; $a->b = $b; $b->a = $a; }",
      "unset($a, $b);",
      "var_dump(gc_collect_cycles(), gc_status()['collected'], $ticks > 0, function_exists('opcache_get_status') ? opcache_get_status() : null);",
    ),
  },
  "display_errors to stderr, and a destructor that exits": {
    source: php(
      "ini_set('display_errors', 'stderr');",
      'class E { function __destruct() { echo "destructing\\n"; exit(9); } }',
      "$e = new E;",
      "echo $nope;",
      'echo "end\\n";',
    ),
  },
  "the rest of a fresh request's global state": {
    source: php(
      "var_dump(md5(serialize(get_defined_constants())), get_declared_classes(), count(get_defined_functions()['internal']));",
      "var_dump(spl_autoload_functions(), stream_get_wrappers(), stream_get_filters(), stream_get_transports());",
      "var_dump(set_error_handler(null), set_exception_handler(null), ob_list_handlers(), headers_list(), http_response_code(), headers_sent());",
      "var_dump(setlocale(LC_ALL, 0), localeconv(), date_default_timezone_get(), sys_get_temp_dir(), get_cfg_var('cfg_file_path'), zend_version());",
      "var_dump(gc_status(), libxml_get_errors(), error_reporting(), assert_options(ASSERT_ACTIVE), mt_getrandmax(), ignore_user_abort(), connection_status());",
    ),
  },
  "open file descriptors": {
    source: php("var_dump(scandir('/proc/self/fd'));"),
  },
  "stdin read line by line": {
    source: php(
      "while (($line = fgets(STDIN)) !== false) echo strtoupper($line);",
      "var_dump(feof(STDIN));",
    ),
    stdin: "one\ntwo\nthree",
  },
  "stdin as a stream and as php://stdin": {
    source: php("var_dump(stream_get_meta_data(STDIN), file_get_contents('php://stdin'));"),
    stdin: "all of it\n",
  },
  "STDOUT and STDERR interleaved": {
    source: php(
      "echo 'out1 '; fwrite(STDERR, 'err1 '); fwrite(STDOUT, 'out2 '); file_put_contents('php://stderr', 'err2 ');",
      "var_dump(stream_get_meta_data(STDOUT)['stream_type'], posix_isatty(STDOUT));",
    ),
  },
  "output buffering": {
    source: php(
      "var_dump(ob_get_level(), ob_get_status(true));",
      "ob_start(fn ($s) => strrev($s)); echo \"abc\\n\"; ob_start(); echo 'kept'; $kept = ob_get_clean();",
      "echo $kept; ob_end_flush(); echo 'after';",
    ),
  },
  "an output buffer left open at exit": {
    source: php("ob_start(fn ($s) => strtoupper($s)); echo 'flushed at shutdown';"),
  },
  "exit with a number": { source: php("echo 'before'; exit(42);") },
  "exit with a string": { source: php("exit('a message');") },
  "an uncaught exception in a function": {
    source: php(
      'function inner($x) { throw new RuntimeException("no $x"); }',
      "function outer() { inner('way'); }",
      "outer();",
    ),
  },
  "an exception handler": {
    source: php(
      "set_exception_handler(function ($e) { echo 'handled ', $e->getMessage(), ' ', $e->getTraceAsString(), \"\\n\"; });",
      "throw new LogicException('oops');",
    ),
  },
  "a fatal error": { source: php("echo 'start';", "undefined_function();") },
  "a parse error": { source: php("echo 'never';", "if ( {") },
  "a compile-time fatal": { source: php("function f() {}", "function f() {}") },
  "memory exhausted": {
    source: php(
      "ini_set('memory_limit', '8M');",
      "$a = [];",
      "while (true) $a[] = str_repeat('x', 1024);",
    ),
  },
  "warnings, notices and deprecations": {
    source: php(
      "var_dump(error_get_last());",
      "echo $undefined;",
      "$a = [];",
      "echo $a['missing'];",
      "echo strlen(null);",
      "trigger_error('custom', E_USER_WARNING);",
      "var_dump(error_get_last()['message'], error_reporting(), ini_get('display_errors'), ini_get('log_errors'));",
    ),
  },
  "an error handler": {
    source: php(
      'set_error_handler(function ($no, $msg, $file, $line) { echo "caught $no $msg $file:$line\\n"; return true; });',
      'echo 1 / 0.0 . "\\n";',
      "$x = [] ; echo $x[1];",
    ),
  },
  "shutdown functions and destructors in order": {
    source: php(
      'class D { function __construct(public $n) {} function __destruct() { echo "destruct $this->n\\n"; } }',
      "$a = new D('a'); $b = new D('b');",
      'register_shutdown_function(function () { echo "shutdown 1\\n"; register_shutdown_function(fn () => print("shutdown nested\\n")); });',
      'register_shutdown_function(function () { global $a; echo "shutdown 2 ", $a->n, "\\n"; });',
      "$c = new D('c'); $c->self = $c;",
      'echo "end\\n";',
    ),
  },
  "shutdown functions after exit": {
    source: php(
      'register_shutdown_function(function () { echo "shutdown, status still\\n"; });',
      'function f() { try { exit(7); } finally { echo "finally runs\\n"; } }',
      "f();",
    ),
  },
  "a top-level return": { source: php("echo 'x';", "return 5;", "echo 'never';") },
  "a shebang line": { source: "#!/usr/bin/env php\n<?php\necho 'after the shebang', PHP_EOL;\n" },
  "text outside the PHP tags": { source: "before\n<?php echo 'inside'; ?>\nafter\n" },
  "debug_backtrace and the trace of a nested call": {
    source: php(
      "function a() { return b(); } function b() { return (new Exception('t'))->getTraceAsString() . \"\\n\" . json_encode(debug_backtrace()); }",
      'echo a(), "\\n";',
      "var_dump(debug_backtrace());",
      "debug_print_backtrace();",
    ),
  },
  "a signal kills the program": {
    source: php("echo 'ending';", "posix_kill(getmypid(), SIGTERM);", "sleep(5);"),
  },
  "abort()": {
    source: php("$c = FFI::cdef('void abort(void);');", "echo 'aborting';", "$c->abort();"),
  },
  "pcntl: a signal handler and a fork": {
    source: php(
      "pcntl_async_signals(true);",
      'pcntl_signal(SIGUSR1, function ($s) { echo "got $s\\n"; });',
      "posix_kill(getmypid(), SIGUSR1);",
      "$pid = pcntl_fork();",
      'if ($pid === 0) { echo "child\\n"; exit(3); }',
      "pcntl_waitpid($pid, $status); echo 'child exited ', pcntl_wexitstatus($status), \"\\n\";",
    ),
  },
  "a child process": {
    source: php(
      "echo shell_exec('echo from a shell; id -un'); passthru('php -r \"echo PHP_VERSION_ID > 0 ? 1 : 0;\"', $code); var_dump($code);",
    ),
  },
  "recursion into a stack overflow of the engine": {
    source: php("function r($n) { return $n === 0 ? 0 : 1 + r($n - 1); }", 'echo r(50000), "\\n";'),
  },
  "static variables and a generator": {
    source: php(
      "function counter() { static $n = 0; return ++$n; }",
      "function gen() { yield 1; yield 2; return 3; }",
      'counter(); counter(); $g = gen(); foreach ($g as $v) echo $v; echo $g->getReturn(), counter(), "\\n";',
    ),
  },
  "a fiber": {
    source: php(
      "$f = new Fiber(function () { $x = Fiber::suspend('s'); throw new Exception(\"in fiber $x\"); });",
      'echo $f->start(), "\\n";',
      "$f->resume('r');",
    ),
  },
  "strict types and a type error": {
    source: php("declare(strict_types=1);", "function f(int $x) { return $x; }", "echo f('1');"),
  },
  "the environment": {
    source: php("var_dump(getenv(), $_SERVER['PATH'] === getenv('PATH'));"),
  },
  "the command line of the process, as far as PHP shows it": {
    source: php("var_dump(cli_get_process_title(), gc_status()['runs'], gc_enabled());"),
  },
  "output that doesn't end in a newline": { source: php("echo 'x';", "fwrite(STDERR, 'y');") },
};
