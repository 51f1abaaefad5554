//! The bit layout of an ioctl number, per architecture (`asm/ioctl.h`).

/// How an architecture packs an ioctl number (`_IOC` in `asm/ioctl.h`).
///
/// ```text
///  31          32-dir_bits   16+size_bits-1   16 15        8 7          0
/// +-----------+--------------------------------+------------+------------+
/// | direction |             size               |    type    |   number   |
/// +-----------+--------------------------------+------------+------------+
///   dir_bits          size_bits (14 or 13)          8 bits       8 bits
/// ```
///
/// Type and number are 8 bits everywhere. Size and direction share the top 16 bits:
///
/// | layout | architectures | size bits | dir bits | `NONE` | `READ` | `WRITE` |
/// | --- | --- | --- | --- | --- | --- | --- |
/// | [`GENERIC`](Layout::GENERIC) | x86, arm, aarch64, riscv, s390, loongarch, m68k, csky, hexagon, ... | 14 | 2 | 0 | 2 | 1 |
/// | [`POWERPC`](Layout::POWERPC) | powerpc, mips, sparc, alpha | 13 | 3 | 1 | 2 | 4 |
/// | [`PARISC`](Layout::PARISC) | parisc | 14 | 2 | 0 | 1 | 2 |
///
/// [`HOST`](Layout::HOST) is chosen by `cfg(target_arch)`. Rust has no alpha or parisc
/// target, so those two rows are only reachable by naming the constant.
///
/// ```
/// use crosswire_kernel::ioctl::Layout;
///
/// // FS_IOC_GETVERSION = _IOR('v', 1, long) on x86_64 (generic) and ppc64.
/// let (g, p) = (Layout::GENERIC, Layout::POWERPC);
/// assert_eq!(g.ioc(g.read, b'v', 1, 8), 0x8008_7601);
/// assert_eq!(p.ioc(p.read, b'v', 1, 8), 0x4008_7601);
/// assert_eq!(g.size_of(0x8008_7601), 8);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Width of the size field.
    pub size_bits: u32,
    /// Width of the direction field.
    pub dir_bits: u32,
    /// Direction value of `_IO`: no data.
    pub none: u32,
    /// Direction bit of `_IOR`: the kernel writes, userspace reads.
    pub read: u32,
    /// Direction bit of `_IOW`: userspace writes, the kernel reads.
    pub write: u32,
}

impl Layout {
    /// `asm-generic/ioctl.h`.
    pub const GENERIC: Layout = Layout {
        size_bits: 14,
        dir_bits: 2,
        none: 0,
        read: 2,
        write: 1,
    };

    /// `arch/{powerpc,mips,sparc,alpha}/include/uapi/asm/ioctl.h`.
    pub const POWERPC: Layout = Layout {
        size_bits: 13,
        dir_bits: 3,
        none: 1,
        read: 2,
        write: 4,
    };

    /// `arch/parisc/include/uapi/asm/ioctl.h`: the generic widths with read and write swapped.
    pub const PARISC: Layout = Layout {
        size_bits: 14,
        dir_bits: 2,
        none: 0,
        read: 1,
        write: 2,
    };

    /// The layout of the architecture this crate is compiled for.
    pub const HOST: Layout = if cfg!(any(
        target_arch = "powerpc",
        target_arch = "powerpc64",
        target_arch = "mips",
        target_arch = "mips64",
        target_arch = "mips32r6",
        target_arch = "mips64r6",
        target_arch = "sparc",
        target_arch = "sparc64"
    )) {
        Layout::POWERPC
    } else {
        Layout::GENERIC
    };

    /// Shift of the number field (`_IOC_NRSHIFT`).
    pub const NR_SHIFT: u32 = 0;
    /// Shift of the type field (`_IOC_TYPESHIFT`).
    pub const TYPE_SHIFT: u32 = 8;
    /// Shift of the size field (`_IOC_SIZESHIFT`).
    pub const SIZE_SHIFT: u32 = 16;

    /// Shift of the direction field (`_IOC_DIRSHIFT`).
    pub const fn dir_shift(&self) -> u32 {
        Layout::SIZE_SHIFT.saturating_add(self.size_bits)
    }

    /// The largest size the size field holds (`(1 << _IOC_SIZEBITS) - 1`).
    pub const fn size_max(&self) -> usize {
        mask_usize(self.size_bits)
    }

    /// `_IOC(dir, ty, nr, size)` in this layout, or `None` when `dir` or `size` does not
    /// fit its field (C would let it spill into the neighbouring field).
    pub const fn ioc_checked(&self, dir: u32, ty: u8, nr: u8, size: usize) -> Option<u32> {
        if dir > mask_u32(self.dir_bits) || size > self.size_max() {
            return None;
        }
        Some(self.ioc(dir, ty, nr, size))
    }

    /// `_IOC(dir, ty, nr, size)` in this layout. A `dir` or `size` wider than its field is
    /// cut to the field's width, never spilled into the next field; use
    /// [`ioc_checked`](Layout::ioc_checked) to reject it instead.
    pub const fn ioc(&self, dir: u32, ty: u8, nr: u8, size: usize) -> u32 {
        let low = u32::from_le_bytes([nr, ty, 0, 0]);
        let size = low_u32(size) & mask_u32(self.size_bits);
        let dir = dir & mask_u32(self.dir_bits);
        low | size.wrapping_shl(Layout::SIZE_SHIFT) | dir.wrapping_shl(self.dir_shift())
    }

    /// `_IOC_DIR(cmd)`.
    pub const fn dir_of(&self, cmd: u32) -> u32 {
        cmd.wrapping_shr(self.dir_shift()) & mask_u32(self.dir_bits)
    }

    /// `_IOC_SIZE(cmd)`.
    pub const fn size_of(&self, cmd: u32) -> usize {
        let size = cmd.wrapping_shr(Layout::SIZE_SHIFT) & mask_u32(self.size_bits);
        widen(size)
    }

    /// `_IOC_TYPE(cmd)`.
    pub const fn type_of(cmd: u32) -> u8 {
        let [_, ty, _, _] = cmd.to_le_bytes();
        ty
    }

    /// `_IOC_NR(cmd)`.
    pub const fn nr_of(cmd: u32) -> u8 {
        let [nr, _, _, _] = cmd.to_le_bytes();
        nr
    }
}

/// `(1 << bits) - 1` for `bits < 32`.
const fn mask_u32(bits: u32) -> u32 {
    match 1u32.checked_shl(bits) {
        Some(bit) => bit.wrapping_sub(1),
        None => u32::MAX,
    }
}

/// `(1 << bits) - 1` as a `usize`.
const fn mask_usize(bits: u32) -> usize {
    widen(mask_u32(bits))
}

#[expect(
    clippy::as_conversions,
    reason = "the low 32 bits on purpose (masked by the caller); TryFrom is not const"
)]
const fn low_u32(x: usize) -> u32 {
    x as u32
}

#[expect(
    clippy::as_conversions,
    reason = "u32 -> usize is lossless on every Linux target (usize is at least 32 bits); From is not const"
)]
const fn widen(x: u32) -> usize {
    x as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Known numbers from the kernel headers of each architecture (as generated into
    /// `linux-raw-sys` 0.12 from `uapi` headers), recomputed from their `_IO*` definitions.
    #[test]
    fn known_numbers_per_architecture() {
        let g = Layout::GENERIC;
        let p = Layout::POWERPC;
        // NS_GET_USERNS = _IO(0xb7, 0x1)
        assert_eq!(g.ioc(g.none, 0xb7, 1, 0), 46849);
        assert_eq!(p.ioc(p.none, 0xb7, 1, 0), 536917761);
        // FS_IOC_GETVERSION = _IOR('v', 1, long): 64-bit x86_64 and powerpc64, 32-bit mips.
        assert_eq!(g.ioc(g.read, b'v', 1, 8), 2148038145);
        assert_eq!(p.ioc(p.read, b'v', 1, 8), 1074296321);
        assert_eq!(p.ioc(p.read, b'v', 1, 4), 1074034177);
        // FS_IOC_SETVERSION = _IOW('v', 2, long)
        assert_eq!(g.ioc(g.write, b'v', 2, 8), 1074296322);
        assert_eq!(p.ioc(p.write, b'v', 2, 8), 2148038146);
        // FICLONE = _IOW(0x94, 9, int)
        assert_eq!(g.ioc(g.write, 0x94, 9, 4), 1074041865);
        assert_eq!(p.ioc(p.write, 0x94, 9, 4), 2147783689);
        // UFFDIO_API = _IOWR(0xAA, 0x3F, struct uffdio_api): the same bits in both layouts.
        assert_eq!(g.ioc(g.read | g.write, 0xAA, 0x3F, 24), 3222841919);
        assert_eq!(p.ioc(p.read | p.write, 0xAA, 0x3F, 24), 3222841919);
        // FS_IOC_GETFSLABEL = _IOR(0x94, 49, char[256])
        assert_eq!(g.ioc(g.read, 0x94, 49, 256), 2164298801);
        assert_eq!(p.ioc(p.read, 0x94, 49, 256), 1090556977);
    }

    #[test]
    fn parisc_swaps_read_and_write() {
        let h = Layout::PARISC;
        let g = Layout::GENERIC;
        assert_eq!(h.ioc(h.read, 1, 2, 3), g.ioc(g.write, 1, 2, 3));
        assert_eq!(h.ioc(h.write, 1, 2, 3), g.ioc(g.read, 1, 2, 3));
    }

    #[test]
    fn fields_round_trip_and_limits() {
        for l in [Layout::GENERIC, Layout::POWERPC, Layout::PARISC] {
            let max = l.size_max();
            let dirs = [l.none, l.read, l.write, l.read | l.write];
            for dir in dirs {
                for size in [0, 1, max - 1, max] {
                    let cmd = l.ioc_checked(dir, 0xfe, 0x7f, size).unwrap();
                    assert_eq!(l.dir_of(cmd), dir);
                    assert_eq!(l.size_of(cmd), size);
                    assert_eq!(Layout::type_of(cmd), 0xfe);
                    assert_eq!(Layout::nr_of(cmd), 0x7f);
                }
            }
            assert_eq!(l.ioc_checked(l.read, 0, 0, max + 1), None);
            assert_eq!(l.ioc_checked(1 << l.dir_bits, 0, 0, 0), None);
            // Unchecked: cut, never spilled into the direction field.
            assert_eq!(l.dir_of(l.ioc(l.none, 0, 0, max + 1)), l.none);
        }
        assert_eq!(Layout::GENERIC.size_max(), 16383);
        assert_eq!(Layout::POWERPC.size_max(), 8191);
    }
}
