//! [`NlWriter`]: builds netlink messages and attributes into a caller's `&mut [u8]`.
//!
//! What it writes, always: headers in host order, each attribute's `nla_len` without its
//! padding, padding to 4 bytes filled with zeros, `nlmsg_len` including the padding of the
//! last attribute, nests with `NLA_F_NESTED`.

use super::{
    attr::{NLA_F_NESTED, NLA_HDRLEN, NLA_MAX_PAYLOAD},
    header::{align, NlMsgHdr, NLMSG_HDRLEN},
    NlError, NlErrorKind,
};

/// Writes netlink messages, family headers and attributes back to back into a buffer,
/// without allocating. A failed write leaves the bytes already written in place and the
/// length unchanged.
///
/// ```
/// use crosswire_kernel::netlink::{AttrIter, Messages, NlWriter, NLM_F_REQUEST};
///
/// let mut buf = [0u8; 64];
/// let mut w = NlWriter::new(&mut buf);
/// let msg = w.begin_message(0x10, NLM_F_REQUEST, 1, 0)?;
/// w.put_u32(1, 7)?;
/// let nest = w.begin_nest(2)?;
/// w.put_str(1, "lo")?;
/// w.end_nest(nest)?;
/// let len = w.end_message(msg)?;
/// assert_eq!(len, 16 + 8 + 4 + 8);
///
/// let bytes = w.finish();
/// let msg = Messages::new(bytes).next().unwrap()?;
/// let mut attrs = AttrIter::new(msg.payload());
/// assert_eq!(attrs.next().unwrap()?.u32()?, 7);
/// let name = attrs.next().unwrap()?.nested()?.next().unwrap()?;
/// assert_eq!(name.str()?, "lo");
/// # Ok::<(), crosswire_kernel::netlink::NlError>(())
/// ```
#[derive(Debug)]
pub struct NlWriter<'b> {
    buf: &'b mut [u8],
    len: usize,
}

/// The start of a message being written, for [`NlWriter::end_message`].
#[derive(Debug, PartialEq, Eq)]
#[must_use = "a message must be ended to get its length"]
pub struct MessageStart(usize);

/// The start of a nest being written, for [`NlWriter::end_nest`].
#[derive(Debug, PartialEq, Eq)]
#[must_use = "a nest must be ended to get its length"]
pub struct NestStart(usize);

impl<'b> NlWriter<'b> {
    /// A writer over `buf`, starting at its first byte.
    #[inline]
    pub fn new(buf: &'b mut [u8]) -> Self {
        NlWriter { buf, len: 0 }
    }

    /// The number of bytes written so far.
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether nothing has been written.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The bytes written so far.
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }

    /// Ends writing: the written prefix of the buffer.
    #[inline]
    pub fn finish(self) -> &'b mut [u8] {
        let len = self.len;
        let buf = self.buf;
        let at = len.min(buf.len());
        buf.split_at_mut(at).0
    }

    #[cold]
    fn full(&self) -> NlError {
        NlError::new(NlErrorKind::BufferFull, self.len)
    }

    /// Reserves `len` bytes plus zero padding to 4, returning the `len` bytes.
    #[inline]
    fn reserve(&mut self, len: usize) -> Result<&mut [u8], NlError> {
        let full = self.full();
        let padded = align(len).ok_or(full)?;
        let end = self.len.checked_add(padded).ok_or(full)?;
        let start = self.len;
        let region = self.buf.get_mut(start..end).ok_or(full)?;
        region.fill(0);
        self.len = end;
        region.get_mut(..len).ok_or(full)
    }

    /// Appends `bytes` (a family header such as `genlmsghdr`, or any payload) and zero
    /// padding to 4.
    #[inline]
    pub fn put_bytes(&mut self, bytes: &[u8]) -> Result<(), NlError> {
        self.reserve(bytes.len())?.copy_from_slice(bytes);
        Ok(())
    }

    /// Appends `len` bytes that `fill` writes (zeroed beforehand; a family header written
    /// field by field), and zero padding to 4.
    #[inline]
    pub fn put_bytes_with(
        &mut self,
        len: usize,
        fill: impl FnOnce(&mut [u8]),
    ) -> Result<(), NlError> {
        fill(self.reserve(len)?);
        Ok(())
    }

    /// Starts a message: writes its header with `nlmsg_len` 0, to be set by
    /// [`NlWriter::end_message`].
    #[inline]
    pub fn begin_message(
        &mut self,
        ty: u16,
        flags: u16,
        seq: u32,
        pid: u32,
    ) -> Result<MessageStart, NlError> {
        let start = self.len;
        let hdr = NlMsgHdr {
            len: 0,
            ty,
            flags,
            seq,
            pid,
        };
        self.reserve(NLMSG_HDRLEN)?.copy_from_slice(&hdr.to_bytes());
        Ok(MessageStart(start))
    }

    /// Ends the message started at `start`: sets its `nlmsg_len` to everything written
    /// since, padding included. Returns that length.
    #[inline]
    pub fn end_message(&mut self, start: MessageStart) -> Result<u32, NlError> {
        let bad = NlError::new(NlErrorKind::UnbalancedNest, start.0);
        let len = self.len.checked_sub(start.0).ok_or(bad)?;
        let len = u32::try_from(len).map_err(|_| NlError::new(NlErrorKind::TooLong, start.0))?;
        let end = start.0.checked_add(4).ok_or(bad)?;
        self.buf
            .get_mut(start.0..end)
            .ok_or(bad)?
            .copy_from_slice(&len.to_ne_bytes());
        Ok(len)
    }

    /// Appends an attribute of type `ty` whose payload `fill` writes into the `len` bytes
    /// it is given (zeroed beforehand).
    #[inline]
    pub fn put_attr_with(
        &mut self,
        ty: u16,
        len: usize,
        fill: impl FnOnce(&mut [u8]),
    ) -> Result<(), NlError> {
        let at = self.len;
        if len > NLA_MAX_PAYLOAD {
            return Err(NlError::new(NlErrorKind::TooLong, at));
        }
        let nla_len = len
            .checked_add(NLA_HDRLEN)
            .and_then(|n| u16::try_from(n).ok())
            .ok_or(NlError::new(NlErrorKind::TooLong, at))?;
        let region = self.reserve(usize::from(nla_len))?;
        let full = NlError::new(NlErrorKind::BufferFull, at);
        let (head, payload) = region.split_first_chunk_mut::<NLA_HDRLEN>().ok_or(full)?;
        let [l0, l1] = nla_len.to_ne_bytes();
        let [t0, t1] = ty.to_ne_bytes();
        *head = [l0, l1, t0, t1];
        fill(payload);
        Ok(())
    }

    /// Appends an attribute with `payload`.
    #[inline]
    pub fn put_attr(&mut self, ty: u16, payload: &[u8]) -> Result<(), NlError> {
        self.put_attr_with(ty, payload.len(), |p| p.copy_from_slice(payload))
    }

    /// Appends an `NLA_U8`.
    #[inline]
    pub fn put_u8(&mut self, ty: u16, v: u8) -> Result<(), NlError> {
        self.put_attr(ty, &[v])
    }

    /// Appends an `NLA_U16`, host order.
    #[inline]
    pub fn put_u16(&mut self, ty: u16, v: u16) -> Result<(), NlError> {
        self.put_attr(ty, &v.to_ne_bytes())
    }

    /// Appends an `NLA_U32`, host order.
    #[inline]
    pub fn put_u32(&mut self, ty: u16, v: u32) -> Result<(), NlError> {
        self.put_attr(ty, &v.to_ne_bytes())
    }

    /// Appends an `NLA_U64`, host order.
    #[inline]
    pub fn put_u64(&mut self, ty: u16, v: u64) -> Result<(), NlError> {
        self.put_attr(ty, &v.to_ne_bytes())
    }

    /// Appends an `NLA_FLAG` (no payload).
    #[inline]
    pub fn put_flag(&mut self, ty: u16) -> Result<(), NlError> {
        self.put_attr(ty, &[])
    }

    /// Appends a NUL-terminated string (`NLA_NUL_STRING`).
    #[inline]
    pub fn put_str(&mut self, ty: u16, s: &str) -> Result<(), NlError> {
        self.put_nul_terminated(ty, s.as_bytes())
    }

    /// Appends a NUL-terminated string (`NLA_NUL_STRING`) of bytes in any encoding (an
    /// interface name). Bytes holding a NUL would read back shorter: `BadString`.
    pub fn put_c_bytes(&mut self, ty: u16, s: &[u8]) -> Result<(), NlError> {
        if s.contains(&0) {
            return Err(NlError::new(NlErrorKind::BadString { id: ty }, self.len));
        }
        self.put_nul_terminated(ty, s)
    }

    fn put_nul_terminated(&mut self, ty: u16, s: &[u8]) -> Result<(), NlError> {
        let len = s
            .len()
            .checked_add(1)
            .ok_or(NlError::new(NlErrorKind::TooLong, self.len))?;
        // The buffer was zeroed, so the byte after the string is the NUL.
        self.put_attr_with(ty, len, |p| {
            if let Some(dst) = p.get_mut(..s.len()) {
                dst.copy_from_slice(s);
            }
        })
    }

    /// Starts a nest of type `ty` (written with `NLA_F_NESTED`): the attributes written
    /// until [`NlWriter::end_nest`] are its payload.
    #[inline]
    pub fn begin_nest(&mut self, ty: u16) -> Result<NestStart, NlError> {
        let start = self.len;
        self.put_attr(ty | NLA_F_NESTED, &[])?;
        Ok(NestStart(start))
    }

    /// Ends the nest started at `start`: sets its `nla_len`.
    #[inline]
    pub fn end_nest(&mut self, start: NestStart) -> Result<(), NlError> {
        let bad = NlError::new(NlErrorKind::UnbalancedNest, start.0);
        let len = self.len.checked_sub(start.0).ok_or(bad)?;
        let len = u16::try_from(len).map_err(|_| NlError::new(NlErrorKind::TooLong, start.0))?;
        let end = start.0.checked_add(2).ok_or(bad)?;
        self.buf
            .get_mut(start.0..end)
            .ok_or(bad)?
            .copy_from_slice(&len.to_ne_bytes());
        Ok(())
    }
}
