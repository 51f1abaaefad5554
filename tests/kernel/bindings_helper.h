/* Appended to the kernel's rust/bindings/bindings_helper.h by tests/kernel/run.sh.
 * The 6.12 `kernel` crate has no miscdevice abstraction, so the sample module calls
 * misc_register()/misc_deregister() through `kernel::bindings`. */
#include <linux/miscdevice.h>
