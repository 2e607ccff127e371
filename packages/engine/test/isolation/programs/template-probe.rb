# What a run can see of templates: the bytes of its arguments, whether it is a template's clone
# (its command line is the template's), and its template (root's process with that command line:
# pid, minor page faults so far, anonymous resident KiB), or "none".
TEMPLATE = "/usr/local/lib/warmbox/template"
clone = File.binread("/proc/self/cmdline").split("\0")[1] == TEMPLATE
template = Dir.children("/proc").grep(/\A\d+\z/).map(&:to_i).find do |pid|
  next false if pid == Process.pid
  (File.binread("/proc/#{pid}/cmdline").split("\0")[1] == TEMPLATE &&
    File.read("/proc/#{pid}/status").include?("\nUid:\t0\t")) rescue false
end
puts "args=#{ARGV.sum(&:bytesize)}", "self=#{clone ? "clone" : "fresh"}"
if template
  stat = File.read("/proc/#{template}/stat")
  puts "template=#{template}", "minflt=#{stat[(stat.rindex(")") + 2)..].split[7]}",
       "rssanon=#{File.read("/proc/#{template}/status")[/^RssAnon:\s+(\d+)/, 1]}"
else
  puts "template=none"
end
