//! Where the answer to a request or a dump stands, one message at a time: the rules the
//! blocking [`NlSocket`] and the async socket share (which messages are ours, when the
//! answer ends, what becomes of acks and errors).

use super::{DumpOutcome, NlSocket, SocketError};
use crate::netlink::{
    Control, Dump, DumpEnd, DumpStep, Message, Messages, NlError, NlErrorKind, NlMsgHdr, NLM_F_ACK,
    NLM_F_MULTI,
};

/// The header of the request in `bytes`, its length clamped to `bytes`.
pub(super) fn request_header(bytes: &[u8]) -> Result<NlMsgHdr, SocketError> {
    let mut head = NlMsgHdr::from_prefix(bytes).ok_or(SocketError::Malformed(NlError::new(
        NlErrorKind::Truncated,
        0,
    )))?;
    head.len = head.len.min(u32::try_from(bytes.len()).unwrap_or(u32::MAX));
    Ok(head)
}

/// Checks that all of a received datagram frames before any of it is used: bytes after
/// the last whole message are `Truncated`, a bad length `BadMessageLength`.
pub(super) fn framed(msgs: &Messages<'_>) -> Result<(), SocketError> {
    match msgs.clone().find(Result::is_err) {
        Some(Err(e)) => Err(e.into()),
        _ => Ok(()),
    }
}

/// The answer to one request ([`NlSocket::request`]).
pub(super) struct RequestState {
    head: NlMsgHdr,
    wants_ack: bool,
}

impl RequestState {
    pub(super) fn new(request: &[u8]) -> Result<Self, SocketError> {
        let head = request_header(request)?;
        Ok(RequestState {
            head,
            wants_ack: head.has(NLM_F_ACK),
        })
    }

    /// Feeds the messages of one datagram from `sender`; `Some` when the answer ended.
    pub(super) fn feed(
        &self,
        sock: &mut NlSocket,
        msgs: Messages<'_>,
        sender: u32,
        on_reply: &mut impl FnMut(Message<'_>) -> Result<(), SocketError>,
    ) -> Option<Result<(), SocketError>> {
        for msg in msgs {
            let msg = match msg {
                Ok(msg) => msg,
                Err(e) => return Some(Err(e.into())),
            };
            if !sock.ours(msg.header(), sender, self.head.seq) {
                continue;
            }
            let control = match msg.control() {
                Ok(control) => control,
                Err(e) => return Some(Err(e.into())),
            };
            match control {
                None => {
                    let last = !self.wants_ack && !msg.header().has(NLM_F_MULTI);
                    if let Err(e) = on_reply(msg) {
                        return Some(Err(e));
                    }
                    if last {
                        sock.last_ack = super::KernelAck::default();
                        return Some(Ok(()));
                    }
                }
                Some(Control::Ack(ack) | Control::Error(ack)) => {
                    return Some(sock.answer(
                        ack.error,
                        &ack.ext_ack,
                        ack.ext_ack_error,
                        self.head.len,
                    ))
                }
                Some(Control::Done(done)) if !self.wants_ack => {
                    return Some(sock.answer(
                        done.error,
                        &done.ext_ack,
                        done.ext_ack_error,
                        self.head.len,
                    ))
                }
                Some(Control::Overrun) => return Some(Err(SocketError::Overrun)),
                Some(Control::Noop | Control::Done(_)) => {}
            }
        }
        None
    }
}

/// What one message means to a dump in progress.
pub(super) enum Progress<'a> {
    /// An item.
    Item(Message<'a>),
    /// Not part of the dump (another sender, port or sequence number; a no-op).
    Skip,
    /// The end.
    End(DumpOutcome),
}

/// The answer to one dump ([`NlSocket::dump`]).
#[derive(Debug)]
pub(super) struct DumpState {
    len: u32,
    dump: Dump,
    items: usize,
}

impl DumpState {
    pub(super) fn new(request: &[u8]) -> Result<Self, SocketError> {
        let head = request_header(request)?;
        Ok(DumpState {
            len: head.len,
            dump: Dump::new(head.seq),
            items: 0,
        })
    }

    /// Classifies one message from `sender`.
    pub(super) fn step<'a>(
        &mut self,
        sock: &mut NlSocket,
        msg: Message<'a>,
        sender: u32,
    ) -> Result<Progress<'a>, SocketError> {
        if sender != sock.peer || msg.header().pid != sock.port {
            return Ok(Progress::Skip);
        }
        let items = self.items;
        Ok(match self.dump.step(msg)? {
            DumpStep::Item(m) => {
                self.items = items.saturating_add(1);
                Progress::Item(m)
            }
            DumpStep::Other(_) => Progress::Skip,
            DumpStep::End(DumpEnd::Complete(_)) => Progress::End(DumpOutcome::Complete { items }),
            DumpStep::End(DumpEnd::Interrupted(_)) => {
                Progress::End(DumpOutcome::Interrupted { items })
            }
            DumpStep::End(DumpEnd::Overrun) => return Err(SocketError::Overrun),
            DumpStep::End(DumpEnd::Failed {
                error,
                ext_ack,
                ext_ack_error,
            }) => {
                sock.answer(error, &ext_ack, ext_ack_error, self.len)?;
                Progress::End(DumpOutcome::Complete { items })
            }
        })
    }

    /// Feeds the messages of one datagram from `sender`; `Some` when the dump ended.
    pub(super) fn feed(
        &mut self,
        sock: &mut NlSocket,
        msgs: Messages<'_>,
        sender: u32,
        on_item: &mut impl FnMut(Message<'_>) -> Result<(), SocketError>,
    ) -> Option<Result<DumpOutcome, SocketError>> {
        for msg in msgs {
            let progress = msg
                .map_err(SocketError::from)
                .and_then(|msg| self.step(sock, msg, sender));
            match progress {
                Ok(Progress::Item(m)) => {
                    if let Err(e) = on_item(m) {
                        return Some(Err(e));
                    }
                }
                Ok(Progress::Skip) => {}
                Ok(Progress::End(outcome)) => return Some(Ok(outcome)),
                Err(e) => return Some(Err(e)),
            }
        }
        None
    }
}
