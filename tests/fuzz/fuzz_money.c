/*
 * budgetctl's amounts: whatever money_parse accepts is made only of digits,
 * dots and one comma, is not negative, and prints (money_format) as a
 * string that parses back to the same øre.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*s, buf[MONEY_BUFSZ], *kr;
	int64_t		 ore = -1, again = -1;
	size_t		 len;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (money_parse(s, &ore) == 0) {
		if (ore < 0 || strspn(s, "0123456789.,") != strlen(s))
			abort();
		money_format(ore, buf, sizeof(buf));
		len = strlen(buf);
		if (len < 4 || strcmp(buf + len - 4, " kr.") != 0)
			abort();
		buf[len - 4] = '\0';
		kr = buf;
		if (money_parse(kr, &again) != 0 || again != ore)
			abort();
	} else if (ore != -1) {
		abort();	/* a refusal leaves the output alone */
	}
	free(s);
	return 0;
}
