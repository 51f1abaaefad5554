/* Appended to the kernel's rust/bindings/bindings_helper.h by tests/kernel/run.sh.
 * The 6.12 `kernel` crate has no miscdevice abstraction, so the sample module calls
 * misc_register()/misc_deregister() through `kernel::bindings`. */
#include <linux/miscdevice.h>
/* The sample's generic-netlink family: genl_register_family(), genlmsg_put(), nla_put(),
 * netlink_unicast(), netlink_broadcast(), __alloc_skb(), skb_put(), struct nla_policy and
 * struct netlink_ext_ack. The static inline helpers (genlmsg_new, genlmsg_end, ...) are
 * written in Rust by the module. */
#include <net/genetlink.h>
