/* Touches 64 MiB, one write per page (volatile: the compiler may not drop them). */
#include <stdlib.h>

int main(void)
{
	volatile char *memory = malloc(64 << 20);
	for (long i = 0; i < (64 << 20); i += 4096)
		memory[i] = 1;
	return memory[4096] - 1;
}
