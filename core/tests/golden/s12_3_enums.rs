//! §12.3 Enums.

use crosswire::{ErrorKind as K, MaxSize};
use crosswire_test_support::{golden, rejects};

/// §12.3's example enum, written by hand the way the derive writes it.
#[derive(Debug, PartialEq)]
enum State {
    Idle,
    Running { pid: u32, cpu: u16 },
    Failed(i32),
}

impl MaxSize for State {
    const MAX_SIZE: usize = 1 + 6;
}

impl crosswire::Encode for State {
    fn encode(&self, w: &mut crosswire::Writer<'_>) -> Result<(), crosswire::Error> {
        match self {
            State::Idle => w.write_u8(0),
            State::Running { pid, cpu } => {
                w.write_u8(1)?;
                pid.encode(w)?;
                cpu.encode(w)
            }
            State::Failed(code) => {
                w.write_u8(2)?;
                code.encode(w)
            }
        }
    }

    fn encoded_len(&self) -> usize {
        match self {
            State::Idle => 1,
            State::Running { .. } => 7,
            State::Failed(_) => 5,
        }
    }
}

impl<'de> crosswire::Decode<'de> for State {
    fn decode(r: &mut crosswire::Reader<'de>) -> Result<Self, crosswire::Error> {
        let at = r.offset();
        match r.read_u8()? {
            0 => Ok(State::Idle),
            1 => Ok(State::Running {
                pid: u32::decode(r)?,
                cpu: u16::decode(r)?,
            }),
            2 => Ok(State::Failed(i32::decode(r)?)),
            _ => Err(crosswire::Error::new(K::InvalidTag, at)),
        }
    }
}

#[test]
fn s12_3_enums() {
    golden(State::Idle, &[0]);
    golden(State::Running { pid: 7, cpu: 1 }, &[1, 7, 0, 0, 0, 1, 0]);
    golden(State::Failed(-1), &[2, 0xFF, 0xFF, 0xFF, 0xFF]);
    rejects::<State>(&[3], K::InvalidTag, 0);
}
