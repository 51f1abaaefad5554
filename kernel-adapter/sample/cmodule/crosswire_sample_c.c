// SPDX-License-Identifier: GPL-2.0
/*
 * The crosswire sample module in C: a misc device, /dev/crosswire_sample_c, that serves
 * the ioctl commands of the Rust sample module (kernel-adapter/sample/module) with the
 * same numbers, the same replies and the same errnos, so that one Rust program cannot
 * tell the two apart (tests/kernel/checker drives both).
 *
 * Everything about the bytes comes from the header crosswire-cgen generated from the
 * Rust types (../c/crosswire_sample.h): the decoded-form structs, the decoders and
 * encoders, their errno mapping (cw_sample_errno), the ioctl numbers, the fingerprints.
 * What is written here is what crosswire-kernel's ioctl layer does for the Rust module
 * (kmod::serve, message::decode and encode, Extensible's fit) and the handlers.
 *
 * The shared-memory rings and the generic-netlink family of the Rust module are not
 * served here: their ioctls get ENOTTY.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/compat.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/ioctl.h>
#include <linux/miscdevice.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "crosswire_sample.h"

/* The largest buffer of an extensible command: crosswire_kernel::message::PAGE_SIZE. */
#define CWC_EXTENSIBLE_MAX 4096u

/*
 * The buffer rule (crosswire_kernel::message::decode): after the message, only zeros.
 * Returns CW_SAMPLE_OK or CW_SAMPLE_ERR_TRAILING_BYTES.
 */
static int cwc_zero_padding(const u8 *buf, size_t pos, size_t len)
{
	if (pos < len && memchr_inv(buf + pos, 0, len - pos))
		return CW_SAMPLE_ERR_TRAILING_BYTES;
	return CW_SAMPLE_OK;
}

/*
 * An encoder's result as crosswire_kernel::message::encode leaves the buffer: the reply
 * then zeros up to cap, or all zeros on failure. Returns 0 or a negative errno.
 */
static int cwc_encoded(int kind, u8 *buf, size_t cap, size_t len)
{
	if (kind != CW_SAMPLE_OK) {
		memset(buf, 0, cap);
		return -cw_sample_errno(kind);
	}
	memset(buf + len, 0, cap - len);
	return 0;
}

/*
 * A command's handler: decodes the request from buf[0..len) (the caller's bytes), acts,
 * encodes the reply into buf[0..cap) (cap is at least the reply's MAX_SIZE) and stores its
 * length. Returns 0 or a negative errno.
 */
typedef int (*cwc_handler)(u8 *buf, size_t len, size_t cap, size_t *reply_len);

static int cwc_arith(u8 *buf, size_t len, size_t cap, size_t *reply_len)
{
	struct cw_sample_arith req;
	struct cw_sample_arith_reply rep;
	size_t pos, i;
	int k;

	k = cw_sample_arith_decode(&req, buf, len, &pos);
	if (k == CW_SAMPLE_OK)
		k = cwc_zero_padding(buf, pos, len);
	if (k != CW_SAMPLE_OK)
		return -cw_sample_errno(k);

	memset(&rep, 0, sizeof(rep));
	/* Unsigned arithmetic wraps, as the Rust reply's wrapping_add and wrapping_neg. */
	rep.sum = req.a + (u64)(s64)req.b;
	if (req.negate)
		rep.sum = -rep.sum;
	rep.product = (u32)req.c * (u32)req.d;
	rep.opt_doubled.present = req.opt.present;
	rep.opt_doubled.value = req.opt.present ? (u64)req.opt.value * 2 : 0;
	for (i = 0; i < ARRAY_SIZE(req.arr); i++)
		rep.arr_sum += req.arr[i];
	rep.not_negate = !req.negate;
	rep.ch_code = req.ch;
	return cwc_encoded(cw_sample_arith_reply_encode(&rep, buf, cap, reply_len), buf, cap,
			   *reply_len);
}

static int cwc_op(u8 *buf, size_t len, size_t cap, size_t *reply_len)
{
	struct cw_sample_op req;
	struct cw_sample_op_reply rep;
	size_t pos;
	u32 i, n;
	int k;

	k = cw_sample_op_decode(&req, buf, len, &pos);
	if (k == CW_SAMPLE_OK)
		k = cwc_zero_padding(buf, pos, len);
	if (k != CW_SAMPLE_OK)
		return -cw_sample_errno(k);

	/* The decoder checked every length against its capacity. */
	memset(&rep, 0, sizeof(rep));
	switch (req.tag) {
	case CW_SAMPLE_OP_ECHO:
		BUILD_BUG_ON(sizeof(rep.v.text.f0.data) != sizeof(req.v.echo.f0.data));
		rep.tag = CW_SAMPLE_OP_REPLY_TEXT;
		rep.v.text.f0.len = req.v.echo.f0.len;
		memcpy(rep.v.text.f0.data, req.v.echo.f0.data, sizeof(rep.v.text.f0.data));
		break;
	case CW_SAMPLE_OP_UPPER:
		/* ASCII upper case, byte by byte: UTF-8 sequences of other characters have
		 * no byte below 0x80, so they stay as they are, as in the Rust reply. */
		BUILD_BUG_ON(sizeof(rep.v.text.f0.data) != sizeof(req.v.upper.text.data));
		rep.tag = CW_SAMPLE_OP_REPLY_TEXT;
		n = req.v.upper.text.len;
		rep.v.text.f0.len = n;
		for (i = 0; i < n && i < sizeof(rep.v.text.f0.data); i++) {
			u8 c = req.v.upper.text.data[i];

			rep.v.text.f0.data[i] = c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
		}
		break;
	case CW_SAMPLE_OP_SUM:
		rep.tag = CW_SAMPLE_OP_REPLY_TOTAL;
		n = min_t(u32, req.v.sum.f0.len, ARRAY_SIZE(req.v.sum.f0.items));
		for (i = 0; i < n; i++)
			rep.v.total.f0 += req.v.sum.f0.items[i];
		break;
	case CW_SAMPLE_OP_REVERSE:
		BUILD_BUG_ON(ARRAY_SIZE(rep.v.items.f0.items) != ARRAY_SIZE(req.v.reverse.f0.items));
		rep.tag = CW_SAMPLE_OP_REPLY_ITEMS;
		n = min_t(u32, req.v.reverse.f0.len, ARRAY_SIZE(req.v.reverse.f0.items));
		rep.v.items.f0.len = n;
		for (i = 0; i < n; i++)
			rep.v.items.f0.items[i] = req.v.reverse.f0.items[n - 1 - i];
		break;
	case CW_SAMPLE_OP_STATS:
		rep.tag = CW_SAMPLE_OP_REPLY_STATS;
		n = min_t(u32, req.v.stats.values.len, ARRAY_SIZE(req.v.stats.values.items));
		rep.v.stats.count = n;
		for (i = 0; i < n; i++) {
			s16 v = req.v.stats.values.items[i];

			if (i == 0 || v < rep.v.stats.min)
				rep.v.stats.min = v;
			if (i == 0 || v > rep.v.stats.max)
				rep.v.stats.max = v;
		}
		rep.v.stats.name_len = (u8)req.v.stats.name.len;
		rep.v.stats.flag.present = req.v.stats.flag.present;
		rep.v.stats.flag.value = req.v.stats.flag.value;
		break;
	case CW_SAMPLE_OP_NOP:
		rep.tag = CW_SAMPLE_OP_REPLY_DONE;
		break;
	default:
		/* The decoder refuses every other tag. */
		return -EINVAL;
	}
	return cwc_encoded(cw_sample_op_reply_encode(&rep, buf, cap, reply_len), buf, cap,
			   *reply_len);
}

/*
 * SETTINGS, extensible: the decoder reads an older caller's shorter body zero-extended and
 * refuses a newer caller's non-zero unknown fields (CW_SAMPLE_ERR_NON_ZERO_TAIL, E2BIG).
 */
static int cwc_settings(u8 *buf, size_t len, size_t cap, size_t *reply_len)
{
	struct cw_sample_settings req;
	struct cw_sample_settings_reply rep;
	size_t pos;
	int k;

	k = cw_sample_settings_decode(&req, buf, len, &pos);
	if (k == CW_SAMPLE_OK)
		k = cwc_zero_padding(buf, pos, len);
	if (k != CW_SAMPLE_OK)
		return -cw_sample_errno(k);

	if (req.flags & CW_SAMPLE_FLAG_RESERVED)
		return -EOPNOTSUPP;
	memset(&rep, 0, sizeof(rep));
	rep.version = CW_SAMPLE_SETTINGS_VERSION;
	rep.max_items = min_t(u32, req.max_items, 1000);
	rep.flags = req.flags;
	rep.timeout_ms = req.timeout_ms;
	return cwc_encoded(cw_sample_settings_reply_encode(&rep, buf, cap, reply_len), buf, cap,
			   *reply_len);
}

/* VERSION: no request (every byte of the buffer must be zero), the header's fingerprints. */
static int cwc_version(u8 *buf, size_t len, size_t cap, size_t *reply_len)
{
	struct cw_sample_version_reply rep;
	int k;

	k = cwc_zero_padding(buf, 0, len);
	if (k != CW_SAMPLE_OK)
		return -cw_sample_errno(k);

	memset(&rep, 0, sizeof(rep));
	rep.wire_format = CW_SAMPLE_WIRE_FORMAT_VERSION;
	rep.settings_version = CW_SAMPLE_SETTINGS_VERSION;
	rep.arith = CW_SAMPLE_ARITH_FINGERPRINT;
	rep.arith_reply = CW_SAMPLE_ARITH_REPLY_FINGERPRINT;
	rep.op = CW_SAMPLE_OP_FINGERPRINT;
	rep.op_reply = CW_SAMPLE_OP_REPLY_FINGERPRINT;
	rep.settings = CW_SAMPLE_SETTINGS_FINGERPRINT;
	rep.settings_reply = CW_SAMPLE_SETTINGS_REPLY_FINGERPRINT;
	return cwc_encoded(cw_sample_version_reply_encode(&rep, buf, cap, reply_len), buf, cap,
			   *reply_len);
}

/*
 * Fits an extensible reply of *reply_len bytes to a caller's buffer of size bytes
 * (crosswire_kernel::message::Extensible's fit): an older caller gets the first
 * size - 4 bytes of the body, with the length prefix rewritten, if every dropped byte is
 * zero (else E2BIG, copy_struct_to_user's rule). Returns 0 or a negative errno.
 */
static int cwc_fit_extensible(u8 *buf, size_t *reply_len, size_t size)
{
	size_t body, kept;

	if (*reply_len <= size)
		return 0;
	if (*reply_len < 4 || size < 4)
		return -EINVAL;
	body = (size_t)buf[0] | (size_t)buf[1] << 8 | (size_t)buf[2] << 16 |
	       (size_t)buf[3] << 24;
	if (body != *reply_len - 4)
		return -EINVAL;
	kept = size - 4;
	if (memchr_inv(buf + 4 + kept, 0, body - kept))
		return -E2BIG;
	buf[0] = (u8)kept;
	buf[1] = (u8)(kept >> 8);
	buf[2] = (u8)(kept >> 16);
	buf[3] = (u8)(kept >> 24);
	*reply_len = size;
	return 0;
}

/* One command: its number (direction, type, nr and the size of this build), its policy. */
struct cwc_command {
	unsigned int number;
	/* Extensible (size-versioned): any size from min_size up to a page. */
	bool extensible;
	size_t min_size;
	size_t reply_max;
	cwc_handler handle;
};

static const struct cwc_command cwc_commands[] = {
	{ CW_SAMPLE_IOC_ARITH, false, 0, CW_SAMPLE_ARITH_REPLY_MAX_SIZE, cwc_arith },
	{ CW_SAMPLE_IOC_OP, false, 0, CW_SAMPLE_OP_REPLY_MAX_SIZE, cwc_op },
	{ CW_SAMPLE_IOC_SETTINGS, true, CW_SAMPLE_SETTINGS_BUF_V1,
	  CW_SAMPLE_SETTINGS_REPLY_MAX_SIZE, cwc_settings },
	{ CW_SAMPLE_IOC_VERSION, false, 0, CW_SAMPLE_VERSION_REPLY_MAX_SIZE, cwc_version },
};

/*
 * One call of command c with the size from the caller's number (crosswire_kernel::kmod's
 * serve): checks the size by the command's policy, copies the buffer in once, handles it,
 * fits the reply to the caller's size and copies size bytes back once. Returns the reply's
 * length or a negative errno.
 */
static long cwc_serve(const struct cwc_command *c, size_t size, void __user *ubuf)
{
	size_t cap, reply_len = 0;
	long ret;
	u8 *buf;

	/* Before allocating. */
	if (c->extensible) {
		if (size > CWC_EXTENSIBLE_MAX)
			return -E2BIG;
		if (size < c->min_size)
			return -EINVAL;
	} else if (size > _IOC_SIZE(c->number)) {
		return -EMSGSIZE;
	}
	cap = max(size, c->reply_max);
	buf = kzalloc(cap, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	/* The only read of user memory. */
	if (copy_from_user(buf, ubuf, size)) {
		ret = -EFAULT;
		goto out;
	}
	ret = c->handle(buf, size, cap, &reply_len);
	if (ret)
		goto out;
	if (c->extensible)
		ret = cwc_fit_extensible(buf, &reply_len, size);
	else if (reply_len > size)
		ret = -EMSGSIZE;
	if (ret)
		goto out;
	/* The only write of user memory: the reply, then zeros up to size. */
	if (copy_to_user(ubuf, buf, size)) {
		ret = -EFAULT;
		goto out;
	}
	ret = (long)reply_len;
out:
	kfree(buf);
	return ret;
}

/* The command the number names with any size (its direction, type and nr), or ENOTTY. */
static long cwc_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cwc_commands); i++) {
		unsigned int number = cwc_commands[i].number;

		if (_IOC_DIR(cmd) == _IOC_DIR(number) && _IOC_TYPE(cmd) == _IOC_TYPE(number) &&
		    _IOC_NR(cmd) == _IOC_NR(number))
			return cwc_serve(&cwc_commands[i], _IOC_SIZE(cmd), (void __user *)arg);
	}
	return -ENOTTY;
}

static const struct file_operations cwc_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = cwc_ioctl,
	/* The messages have no pointers or word-sized fields: only the pointer converts. */
	.compat_ioctl = compat_ptr_ioctl,
};

static struct miscdevice cwc_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "crosswire_sample_c",
	.fops = &cwc_fops,
	.mode = 0666,
};

static int __init cwc_init(void)
{
	int ret = misc_register(&cwc_misc);

	if (ret)
		return ret;
	pr_info("registered /dev/crosswire_sample_c (settings v%u, wire format v%u)\n",
		CW_SAMPLE_SETTINGS_VERSION, CW_SAMPLE_WIRE_FORMAT_VERSION);
	return 0;
}

static void __exit cwc_exit(void)
{
	misc_deregister(&cwc_misc);
}

module_init(cwc_init);
module_exit(cwc_exit);
MODULE_AUTHOR("crosswire developers");
MODULE_DESCRIPTION("crosswire sample in C: the Rust sample's ioctl commands, from the generated header");
MODULE_LICENSE("GPL");
