import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "program echo",
    "  implicit none",
    "  character(len=4096) :: line",
    "  character(len=1024) :: arg",
    "  integer :: ios, i",
    "  print '(a)', 'hello'",
    "  do",
    "    read (*, '(a)', iostat=ios) line",
    "    if (ios /= 0) exit",
    "    write (*, '(a)') trim(line)",
    "  end do",
    "  do i = 1, command_argument_count()",
    "    call get_command_argument(i, arg)",
    "    if (i > 1) write (*, '(a)', advance='no') ' '",
    "    write (*, '(a)', advance='no') trim(arg)",
    "  end do",
    "  write (*, '(a)') ''",
    "end program echo",
  ].join("\n"),
  exit3: ["program fail", "  call exit(3)", "end program fail"].join("\n"),
  loop: ["program forever", "  do", "  end do", "end program forever"].join("\n"),
  compileError: ["program broken", "  implicit none", "  x = 1", "end program broken"].join("\n"),
  compileMessage: /Error/,
};
