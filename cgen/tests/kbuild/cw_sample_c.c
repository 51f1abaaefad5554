// SPDX-License-Identifier: GPL-2.0
/*
 * Compile check of the generated header inside a kernel module (never loaded): the
 * sample header, built with the kernel's own flags by ../kbuild.sh.
 */
#include <linux/module.h>
#include "crosswire_sample.h"

static int __init cw_sample_c_init(void)
{
	static struct cw_sample_op op;
	static u8 buf[CW_SAMPLE_OP_MAX_SIZE];
	size_t pos;
	int k;

	op.tag = CW_SAMPLE_OP_NOP;
	k = cw_sample_op_encode(&op, buf, sizeof(buf), &pos);
	if (k == CW_SAMPLE_OK)
		k = cw_sample_op_from_bytes(&op, buf, pos, &pos);
	return -cw_sample_errno(k);
}

static void __exit cw_sample_c_exit(void)
{
}

module_init(cw_sample_c_init);
module_exit(cw_sample_c_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("crosswire-cgen: the generated header in a kernel build");
