# SPDX-License-Identifier: MIT OR Apache-2.0
#
# Kbuild fragment: links the crosswire crate (and its derive macros) into an out-of-tree Rust
# kernel module. See kernel-adapter/README.md for the steps; in short, the module's Kbuild says
#
#   obj-m            := mymod.o
#   mymod-y          := crosswire.o crosswire_kernel.o mymod_main.o
#   crosswire-users  := mymod_main.o
#   include $(CROSSWIRE_SRC)/kernel-adapter/kbuild/crosswire.mk
#
# (leave `crosswire_kernel.o` out of the list when the module does not use crosswire-kernel;
# with it, the fragment also adds `crosswire_kmod_helpers.o`, crosswire's C helpers).
#
# and the module is built with
#
#   make -C $KDIR LLVM=1 M=$PWD CROSSWIRE_SRC=<crosswire checkout> \
#        CROSSWIRE_DERIVE_SO=<libcrosswire_derive.so built by the kernel's rustc> modules
#
# crosswire is compiled as one more object of the module, `crosswire.o`, with the kernel's own
# rustc flags (target, no_std, soft-float, ...), from `$(CROSSWIRE_SRC)/core/src/lib.rs`; its
# metadata (`libcrosswire.rmeta`) is what `--extern crosswire=` points the module's crates at.
# crosswire-kernel (`crosswire_kernel.o`, from `$(CROSSWIRE_SRC)/kernel-adapter/src/lib.rs`)
# is built the same way, without its `std` feature and with `--cfg crosswire_kernel_module`,
# the cfg behind which its kernel-only code lives (`kmod`). `kmod` calls into the kernel
# through crosswire's own C helpers (`kernel-adapter/src/kmod/helpers.c`, compiled here as
# `crosswire_kmod_helpers.o` and linked into the module), so the kernel tree needs no patch.

# Where the two crates' sources are: from a checkout of the repository (CROSSWIRE_SRC), or
# from the packaged crates as a user gets them (`cargo vendor`, or `.crate` files unpacked):
# CROSSWIRE_CORE_DIR is the crate `crosswire`, CROSSWIRE_KERNEL_DIR the crate
# `crosswire-kernel` (the one holding this file).
ifneq ($(CROSSWIRE_SRC),)
CROSSWIRE_CORE_DIR ?= $(CROSSWIRE_SRC)/core
CROSSWIRE_KERNEL_DIR ?= $(CROSSWIRE_SRC)/kernel-adapter
endif
ifeq ($(CROSSWIRE_CORE_DIR),)
$(error pass CROSSWIRE_SRC=<crosswire checkout>, or CROSSWIRE_CORE_DIR=<crate crosswire> and CROSSWIRE_KERNEL_DIR=<crate crosswire-kernel>)
endif
ifeq ($(CROSSWIRE_KERNEL_DIR),)
$(error CROSSWIRE_KERNEL_DIR is not set: pass the directory of the crate crosswire-kernel)
endif
ifeq ($(CROSSWIRE_DERIVE_SO),)
$(error CROSSWIRE_DERIVE_SO is not set: pass the libcrosswire_derive.so built by the kernel's rustc)
endif

crosswire-rmeta := $(obj)/libcrosswire.rmeta

# 6.12's Kbuild names a Rust object's crate after the object (`crosswire`; 7.x leaves it to
# rustc, see below); the source lives outside the module's directory, hence an explicit rule
# using Kbuild's own rustc command.
$(obj)/crosswire.o: $(CROSSWIRE_CORE_DIR)/src/lib.rs FORCE
	+$(call if_changed_rule,rustc_o_rs)

# Kbuild injects `-Zcrate-attr=no_std` (crosswire already says `#![no_std]`) and the kernel's
# lint set, which is stricter about docs than a library built by cargo.
RUSTFLAGS_crosswire.o += --emit=metadata=$(crosswire-rmeta) \
	-Aunused_attributes -Amissing_docs \
	--cfg 'feature="derive"' \
	--extern crosswire_derive=$(CROSSWIRE_DERIVE_SO)

crosswire-kernel-rmeta := $(obj)/libcrosswire_kernel.rmeta

$(obj)/crosswire_kernel.o: $(CROSSWIRE_KERNEL_DIR)/src/lib.rs $(obj)/crosswire.o FORCE
	+$(call if_changed_rule,rustc_o_rs)

RUSTFLAGS_crosswire_kernel.o += --emit=metadata=$(crosswire-kernel-rmeta) \
	-Aunused_attributes -Amissing_docs \
	--cfg crosswire_kernel_module \
	--cfg 'feature="derive"' \
	--extern crosswire_derive=$(CROSSWIRE_DERIVE_SO) \
	--extern crosswire=$(crosswire-rmeta) \
	-L dependency=$(dir $(CROSSWIRE_DERIVE_SO))

# What differs with the version of the kernel tree (never set by hand), for 7.0 and later:
# the `cfg` `crosswire_kernel_ge_7_0` of kmod/compat.rs; and the crate names, which Kbuild
# no longer passes (rustc would name both crates `lib`, after their `lib.rs`).
ifeq ($(shell [ "$(VERSION)" -ge 7 ] 2>/dev/null && echo y),y)
RUSTFLAGS_crosswire_kernel.o += --cfg crosswire_kernel_ge_7_0 --crate-name crosswire_kernel
RUSTFLAGS_crosswire.o += --crate-name crosswire
endif

# crosswire's C helpers: added to every module that links crosswire-kernel.
$(obj)/crosswire_kmod_helpers.o: $(CROSSWIRE_KERNEL_DIR)/src/kmod/helpers.c FORCE
	+$(call if_changed_rule,cc_o_c)

$(foreach m,$(obj-m:.o=),$(if $(filter crosswire_kernel.o,$($(m)-y)),\
	$(eval $(m)-y += crosswire_kmod_helpers.o)))

# Every object of the module that uses crosswire: the crates, where to find the derive macros
# crosswire re-exports, and a build order.
# (`-L dependency=$(obj)`: when an object's first use is of crosswire_kernel, rustc looks for
# its dependency crosswire there, by file name; `--extern crosswire` alone did not do.)
define crosswire_user_rules
RUSTFLAGS_$(1) += --extern crosswire=$(crosswire-rmeta) \
	-L dependency=$(obj) -L dependency=$(dir $(CROSSWIRE_DERIVE_SO))
$(obj)/$(1): $(obj)/crosswire.o
ifneq ($(filter crosswire_kernel.o,$(foreach m,$(obj-m:.o=),$($(m)-y))),)
RUSTFLAGS_$(1) += --extern crosswire_kernel=$(crosswire-kernel-rmeta)
$(obj)/$(1): $(obj)/crosswire_kernel.o
endif
endef
$(foreach o,$(crosswire-users),$(eval $(call crosswire_user_rules,$(o))))

clean-files += libcrosswire.rmeta libcrosswire_kernel.rmeta
