// SPDX-License-Identifier: MIT OR Apache-2.0
/*
 * crosswire's C helpers for kernel modules: compiled into every module that links
 * crosswire-kernel (kbuild/crosswire.mk adds `crosswire_kmod_helpers.o`), so that nothing in
 * the kernel tree has to be patched. They give `crosswire_kernel::kmod` (src/kmod/ffi.rs, the
 * Rust declarations of everything below) what a release's `kernel::bindings` may lack:
 *
 *  - functions of headers the bindings do not include (linux/miscdevice.h, net/genetlink.h,
 *    linux/vmalloc.h on 6.12);
 *  - static inline helpers and macros, which bindgen cannot bind (genlmsg_reply, alloc_skb,
 *    NL_SET_ERR_MSG, vm_flags_clear, vmalloc_user...);
 *  - the fields of C structures, read and written here by name, so that the Rust side never
 *    depends on bindgen's view of a structure's layout (which differs between releases).
 *
 * This file compiles unchanged against 6.12 and 7.3; a difference between releases in C would
 * be a LINUX_VERSION_CODE test here. Differences in the Rust `kernel` crate are in
 * src/kmod/compat.rs.
 */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <net/genetlink.h>
#include <net/netlink.h>

/* ---- misc devices ------------------------------------------------------------------------ */

struct crosswire_misc {
	struct miscdevice misc;
	struct file_operations fops;
};

typedef int (*crosswire_open_fn)(struct inode *, struct file *);
typedef long (*crosswire_ioctl_fn)(struct file *, unsigned int, unsigned long);
typedef int (*crosswire_mmap_fn)(struct file *, struct vm_area_struct *);

int crosswire_misc_register(struct crosswire_misc **out, const char *name, struct module *owner,
			    crosswire_open_fn open, crosswire_open_fn release,
			    crosswire_ioctl_fn ioctl, crosswire_mmap_fn mmap);
void crosswire_misc_deregister(struct crosswire_misc *dev);
void **crosswire_file_private(struct file *file);
unsigned long crosswire_vma_pgoff(const struct vm_area_struct *vma);
unsigned long crosswire_vma_len(const struct vm_area_struct *vma);
int crosswire_vma_flags(const struct vm_area_struct *vma);
void crosswire_vma_forbid_write(struct vm_area_struct *vma);

/* Registers a misc device with a dynamic minor, mode 0666, whose operations are the given
 * functions, into *out; 0 or a negative errno (then *out is untouched). */
int crosswire_misc_register(struct crosswire_misc **out, const char *name, struct module *owner,
			    crosswire_open_fn open, crosswire_open_fn release,
			    crosswire_ioctl_fn ioctl, crosswire_mmap_fn mmap)
{
	struct crosswire_misc *dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	int err;

	if (!dev)
		return -ENOMEM;
	dev->fops.owner = owner;
	dev->fops.open = open;
	dev->fops.release = release;
	dev->fops.unlocked_ioctl = ioctl;
	/* The messages have no pointer or word-sized fields: 32-bit callers use the same
	 * numbers and buffers, so their calls go to unlocked_ioctl with the argument converted
	 * by compat_ptr() (NULL without CONFIG_COMPAT). */
	dev->fops.compat_ioctl = compat_ptr_ioctl;
	dev->fops.mmap = mmap;
	dev->misc.minor = MISC_DYNAMIC_MINOR;
	dev->misc.name = name;
	dev->misc.mode = 0666;
	dev->misc.fops = &dev->fops;
	err = misc_register(&dev->misc);
	if (err) {
		kfree(dev);
		return err;
	}
	*out = dev;
	return 0;
}

void crosswire_misc_deregister(struct crosswire_misc *dev)
{
	misc_deregister(&dev->misc);
	kfree(dev);
}

void **crosswire_file_private(struct file *file)
{
	return &file->private_data;
}

unsigned long crosswire_vma_pgoff(const struct vm_area_struct *vma)
{
	return vma->vm_pgoff;
}

unsigned long crosswire_vma_len(const struct vm_area_struct *vma)
{
	return vma->vm_end - vma->vm_start;
}

/* Bit 0: VM_SHARED, bit 1: VM_WRITE. */
int crosswire_vma_flags(const struct vm_area_struct *vma)
{
	return ((vma->vm_flags & VM_SHARED) ? 1 : 0) | ((vma->vm_flags & VM_WRITE) ? 2 : 0);
}

void crosswire_vma_forbid_write(struct vm_area_struct *vma)
{
	vm_flags_clear(vma, VM_MAYWRITE);
}

/* ---- memory shared with userspace -------------------------------------------------------- */

void *crosswire_vmalloc_user(unsigned long size);
void crosswire_vfree(void *addr);
int crosswire_remap_vmalloc(struct vm_area_struct *vma, void *addr, unsigned long pgoff);

void *crosswire_vmalloc_user(unsigned long size)
{
	return vmalloc_user(size);
}

void crosswire_vfree(void *addr)
{
	vfree(addr);
}

int crosswire_remap_vmalloc(struct vm_area_struct *vma, void *addr, unsigned long pgoff)
{
	return remap_vmalloc_range(vma, addr, pgoff);
}

/* ---- generic netlink --------------------------------------------------------------------- */

/* A family, its operations, groups, and the Rust side's data (found again from the family
 * a handler is called for). */
struct crosswire_genl {
	struct genl_family family;
	void *data;
};

/* What a handler needs of a request. */
struct crosswire_genl_request {
	const void *msg;
	u32 len;
	u32 seq;
	u32 portid;
	u16 family_id;
	u8 cmd;
	void *data;
	struct crosswire_genl *genl;
};

/* The kinds of crosswire_kernel::netlink::nla::policy::PolicyKind, as passed by Rust. */
enum {
	CW_NLA_UNSPEC, CW_NLA_U8, CW_NLA_U16, CW_NLA_U32, CW_NLA_U64, CW_NLA_S8, CW_NLA_S16,
	CW_NLA_S32, CW_NLA_S64, CW_NLA_BE16, CW_NLA_BE32, CW_NLA_NUL_STRING, CW_NLA_FLAG,
	CW_NLA_BINARY, CW_NLA_NESTED, CW_NLA_NESTED_ARRAY,
};

typedef int (*crosswire_doit_fn)(struct sk_buff *, struct genl_info *);
typedef int (*crosswire_dumpit_fn)(struct sk_buff *, struct netlink_callback *);

struct nla_policy *crosswire_policy_new(u16 maxattr);
int crosswire_policy_set(struct nla_policy *table, u16 maxattr, u16 id, u8 kind, u16 len,
			 const struct nla_policy *nested);
void crosswire_policy_free(struct nla_policy *table);
struct crosswire_genl *crosswire_genl_new(const char *name, u32 version, u8 n_ops,
					  u8 n_groups, struct module *owner, void *data);
int crosswire_genl_set_op(struct crosswire_genl *g, u8 index, u8 cmd,
			  const struct nla_policy *policy, u16 maxattr, crosswire_doit_fn doit,
			  crosswire_dumpit_fn dumpit);
int crosswire_genl_set_group(struct crosswire_genl *g, u8 index, const char *name);
int crosswire_genl_register(struct crosswire_genl *g);
void crosswire_genl_unregister(struct crosswire_genl *g);
void crosswire_genl_free(struct crosswire_genl *g);
u16 crosswire_genl_id(const struct crosswire_genl *g);
void crosswire_genl_do_request(const struct genl_info *info, struct crosswire_genl_request *out);
long *crosswire_genl_dump_request(struct netlink_callback *cb,
				  struct crosswire_genl_request *out);
void crosswire_genl_dump_consistent(struct netlink_callback *cb, bool interrupted);
void crosswire_extack_set(struct netlink_ext_ack *extack, const struct nlmsghdr *nlh,
			  const char *msg, u32 bad_attr, int miss_type);
struct netlink_ext_ack *crosswire_genl_do_extack(const struct genl_info *info);
struct netlink_ext_ack *crosswire_genl_dump_extack(const struct netlink_callback *cb);
const struct nlmsghdr *crosswire_genl_do_nlh(const struct genl_info *info);
const struct nlmsghdr *crosswire_genl_dump_nlh(const struct netlink_callback *cb);
struct sk_buff *crosswire_skb_new(u32 size);
void crosswire_skb_free(struct sk_buff *skb);
void *crosswire_skb_put_zero(struct sk_buff *skb, u32 len);
void crosswire_skb_trim(struct sk_buff *skb, u32 len);
u32 crosswire_skb_len(const struct sk_buff *skb);
u32 crosswire_skb_tailroom(const struct sk_buff *skb);
int crosswire_genl_reply(struct sk_buff *skb, struct genl_info *info);
int crosswire_genl_multicast(struct crosswire_genl *g, struct sk_buff *skb, u32 group);

/* A zeroed table for attributes 0..=maxattr (NLA_UNSPEC, unused, everywhere). */
struct nla_policy *crosswire_policy_new(u16 maxattr)
{
	return kcalloc((size_t)maxattr + 1, sizeof(struct nla_policy), GFP_KERNEL);
}

int crosswire_policy_set(struct nla_policy *table, u16 maxattr, u16 id, u8 kind, u16 len,
			 const struct nla_policy *nested)
{
	static const u8 types[] = {
		[CW_NLA_UNSPEC] = NLA_UNSPEC, [CW_NLA_U8] = NLA_U8, [CW_NLA_U16] = NLA_U16,
		[CW_NLA_U32] = NLA_U32, [CW_NLA_U64] = NLA_U64, [CW_NLA_S8] = NLA_S8,
		[CW_NLA_S16] = NLA_S16, [CW_NLA_S32] = NLA_S32, [CW_NLA_S64] = NLA_S64,
		[CW_NLA_BE16] = NLA_BE16, [CW_NLA_BE32] = NLA_BE32,
		[CW_NLA_NUL_STRING] = NLA_NUL_STRING, [CW_NLA_FLAG] = NLA_FLAG,
		[CW_NLA_BINARY] = NLA_BINARY, [CW_NLA_NESTED] = NLA_NESTED,
		[CW_NLA_NESTED_ARRAY] = NLA_NESTED_ARRAY,
	};
	struct nla_policy *p;

	if (id > maxattr || kind >= ARRAY_SIZE(types))
		return -EINVAL;
	p = &table[id];
	p->type = types[kind];
	p->len = len;
	if (kind == CW_NLA_NESTED || kind == CW_NLA_NESTED_ARRAY)
		p->nested_policy = nested;
	return 0;
}

void crosswire_policy_free(struct nla_policy *table)
{
	kfree(table);
}

struct crosswire_genl *crosswire_genl_new(const char *name, u32 version, u8 n_ops,
					  u8 n_groups, struct module *owner, void *data)
{
	struct crosswire_genl *g;
	struct genl_ops *ops;
	struct genl_multicast_group *groups = NULL;

	if (strlen(name) >= GENL_NAMSIZ)
		return NULL;
	g = kzalloc(sizeof(*g), GFP_KERNEL);
	ops = kcalloc(n_ops, sizeof(*ops), GFP_KERNEL);
	if (n_groups)
		groups = kcalloc(n_groups, sizeof(*groups), GFP_KERNEL);
	if (!g || !ops || (n_groups && !groups)) {
		kfree(g);
		kfree(ops);
		kfree(groups);
		return NULL;
	}
	strscpy(g->family.name, name, GENL_NAMSIZ);
	g->family.version = version;
	g->family.ops = ops;
	g->family.n_ops = n_ops;
	g->family.mcgrps = groups;
	g->family.n_mcgrps = n_groups;
	/* Every command is validated strictly, with genlmsghdr.reserved zero. */
	g->family.resv_start_op = 0;
	g->family.module = owner;
	g->data = data;
	return g;
}

int crosswire_genl_set_op(struct crosswire_genl *g, u8 index, u8 cmd,
			  const struct nla_policy *policy, u16 maxattr, crosswire_doit_fn doit,
			  crosswire_dumpit_fn dumpit)
{
	struct genl_ops *op;

	if (index >= g->family.n_ops)
		return -EINVAL;
	op = (struct genl_ops *)&g->family.ops[index];
	op->cmd = cmd;
	op->policy = policy;
	op->maxattr = maxattr;
	op->doit = doit;
	op->dumpit = dumpit;
	return 0;
}

int crosswire_genl_set_group(struct crosswire_genl *g, u8 index, const char *name)
{
	struct genl_multicast_group *grp;

	if (index >= g->family.n_mcgrps || strlen(name) >= GENL_NAMSIZ)
		return -EINVAL;
	grp = (struct genl_multicast_group *)&g->family.mcgrps[index];
	strscpy(grp->name, name, GENL_NAMSIZ);
	return 0;
}

int crosswire_genl_register(struct crosswire_genl *g)
{
	return genl_register_family(&g->family);
}

void crosswire_genl_unregister(struct crosswire_genl *g)
{
	genl_unregister_family(&g->family);
}

void crosswire_genl_free(struct crosswire_genl *g)
{
	if (!g)
		return;
	kfree(g->family.ops);
	kfree(g->family.mcgrps);
	kfree(g);
}

u16 crosswire_genl_id(const struct crosswire_genl *g)
{
	return g->family.id;
}

static void crosswire_request(const struct nlmsghdr *nlh, const struct genl_family *family,
			      u32 portid, struct crosswire_genl_request *out)
{
	const struct genlmsghdr *hdr = nlmsg_data(nlh);

	out->msg = nlh;
	out->len = nlh->nlmsg_len;
	out->seq = nlh->nlmsg_seq;
	out->portid = portid;
	out->family_id = family->id;
	out->cmd = hdr->cmd;
	out->genl = container_of(family, struct crosswire_genl, family);
	out->data = out->genl->data;
}

void crosswire_genl_do_request(const struct genl_info *info, struct crosswire_genl_request *out)
{
	crosswire_request(info->nlhdr, info->family, info->snd_portid, out);
}

/* Fills `out` and returns the dump's state words (cb->args, 6 longs). */
long *crosswire_genl_dump_request(struct netlink_callback *cb,
				  struct crosswire_genl_request *out)
{
	const struct genl_dumpit_info *info = genl_dumpit_info(cb);

	crosswire_request(cb->nlh, info->info.family, NETLINK_CB(cb->skb).portid, out);
	return cb->args;
}

/* The consistency mark the netlink core copies into NLMSG_DONE (nl_dump_check_consistent):
 * set when the driver's generation changed since the dump began. */
void crosswire_genl_dump_consistent(struct netlink_callback *cb, bool interrupted)
{
	cb->prev_seq = 1;
	cb->seq = interrupted ? 2 : 1;
}

/* NL_SET_ERR_MSG, NL_SET_BAD_ATTR (when `bad_attr` is an offset inside the request) and
 * NL_SET_ERR_ATTR_MISS (when `miss_type` >= 0). */
void crosswire_extack_set(struct netlink_ext_ack *extack, const struct nlmsghdr *nlh,
			  const char *msg, u32 bad_attr, int miss_type)
{
	if (!extack)
		return;
	if (msg)
		extack->_msg = msg; /* NL_SET_ERR_MSG, which takes only a literal */
	if (bad_attr != U32_MAX && (u64)bad_attr + NLA_HDRLEN <= nlh->nlmsg_len)
		NL_SET_BAD_ATTR(extack, (const struct nlattr *)((const u8 *)nlh + bad_attr));
	if (miss_type >= 0 && miss_type <= U16_MAX)
		extack->miss_type = miss_type;
}

struct netlink_ext_ack *crosswire_genl_do_extack(const struct genl_info *info)
{
	return info->extack;
}

struct netlink_ext_ack *crosswire_genl_dump_extack(const struct netlink_callback *cb)
{
	return cb->extack;
}

const struct nlmsghdr *crosswire_genl_do_nlh(const struct genl_info *info)
{
	return info->nlhdr;
}

const struct nlmsghdr *crosswire_genl_dump_nlh(const struct netlink_callback *cb)
{
	return cb->nlh;
}

struct sk_buff *crosswire_skb_new(u32 size)
{
	return alloc_skb(size, GFP_KERNEL);
}

void crosswire_skb_free(struct sk_buff *skb)
{
	kfree_skb(skb);
}

/* skb_put_zero; NULL when the room is not there (skb_put would BUG). */
void *crosswire_skb_put_zero(struct sk_buff *skb, u32 len)
{
	if (skb_is_nonlinear(skb) || skb_tailroom(skb) < len)
		return NULL;
	return skb_put_zero(skb, len);
}

void crosswire_skb_trim(struct sk_buff *skb, u32 len)
{
	skb_trim(skb, len);
}

u32 crosswire_skb_len(const struct sk_buff *skb)
{
	return skb->len;
}

u32 crosswire_skb_tailroom(const struct sk_buff *skb)
{
	return skb_is_nonlinear(skb) ? 0 : skb_tailroom(skb);
}

/* genlmsg_reply: takes the skb in every case. */
int crosswire_genl_reply(struct sk_buff *skb, struct genl_info *info)
{
	return genlmsg_reply(skb, info);
}

/* genlmsg_multicast_allns to group `group` of the family; takes the skb in every case. */
int crosswire_genl_multicast(struct crosswire_genl *g, struct sk_buff *skb, u32 group)
{
	if (group >= g->family.n_mcgrps) {
		kfree_skb(skb);
		return -EINVAL;
	}
	return genlmsg_multicast_allns(&g->family, skb, 0, group);
}
