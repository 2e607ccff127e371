# Scans every readable mapping of its own process for arguments another run was given
# (the needle is built, not spelled out, so this source never matches itself; what follows
# it has the victim's shape, so the needle's own copies in memory don't count).
needle = Regexp.escape("VICTIM" + "SECRET-")
found = []
File.open("/proc/self/mem", "rb") do |mem|
  File.readlines("/proc/self/maps").each do |line|
    range, perms, _, _, _, path = line.split
    next if !perms.include?("r") || path.to_s.start_with?("[v")

    lo, hi = range.split("-").map { |x| x.to_i(16) }
    data = begin
      mem.seek(lo)
      mem.read(hi - lo)
    rescue SystemCallError, IOError, RangeError
      next
    end
    found.concat(data.scan(/#{needle}(?:n\d+|big)_[yz]{0,40}/n), data.scan(/victim_[a-z0-9_]{1,40}\.rb/n))
  end
end
puts "FOUND #{found.uniq.sort}"
