//! Mutated encodings: every byte string is judged by crosswire in userspace first, and the
//! module must agree (same reply, or the errno of the same decoding error).

use crosswire::Decode;
use crosswire_kernel::{message::RequestBytes, Errno};

use crosswire_sample_types::*;

use crate::{
    dev::Dev,
    encode_to_vec,
    gen::{gen_arith, gen_op, Rng},
    padded, Tally, MUTATIONS,
};

/// The userspace verdict on a request buffer, as the module must also reach it.
fn user_verdict<Req, Reply>(buf: &[u8], reply_of: impl Fn(&Req) -> Reply) -> Result<Reply, i32>
where
    Req: for<'de> Decode<'de>,
{
    RequestBytes::new(buf)
        .decode::<Req>()
        .map(|r| reply_of(&r))
        .map_err(Errno::get)
}

fn mutate(rng: &mut Rng, bytes: &mut [u8]) {
    for _ in 0..=rng.below(3) {
        let i = rng.below(bytes.len() as u64) as usize;
        match rng.below(3) {
            0 => bytes[i] ^= 1 << rng.below(8),
            1 => bytes[i] = rng.next() as u8,
            _ => bytes[i] = [0, 1, 2, 0x7f, 0x80, 0xff][rng.below(6) as usize],
        }
    }
}

/// Mutated encodings: the module must agree with crosswire in userspace on every one.
pub(crate) fn differential(dev: &Dev, rng: &mut Rng, t: &mut Tally) {
    let before = t.passed;
    let (mut accepted, mut rejected) = (0, 0);
    for _ in 0..MUTATIONS {
        let mut buf = padded(encode_to_vec(&gen_arith(rng)), ARITH_BUF);
        mutate(rng, &mut buf);
        let want = user_verdict(&buf, Arith::reply);
        let got = dev.exchange_raw::<ArithReply>(ARITH.number(), buf);
        if want.is_ok() {
            accepted += 1
        } else {
            rejected += 1
        }
        t.check("arith differential", got == want, || {
            format!("module {got:?}, userspace {want:?}")
        });

        let mut buf = padded(encode_to_vec(&gen_op(rng)), OP_BUF);
        mutate(rng, &mut buf);
        let want = user_verdict(&buf, Op::reply);
        let got = dev.exchange_raw::<OpReply>(OP.number(), buf);
        if want.is_ok() {
            accepted += 1
        } else {
            rejected += 1
        }
        t.check("op differential", got == want, || {
            format!("module {got:?}, userspace {want:?}")
        });
    }
    println!(
        "differential: {} checks passed ({accepted} mutated requests accepted, {rejected} rejected)",
        t.passed - before
    );
}
