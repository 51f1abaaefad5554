// An ioctl command whose message is over the 14-bit size field (16383 bytes): the error
// carries both sizes and the user's constant.
extern crate cw as crosswire;

use crosswire_kernel::ioctl::Command;

#[derive(crosswire::Encode, crosswire::MaxSize)]
struct Firmware {
    blob: [u8; 20000],
}

const UPLOAD: Command<Firmware, ()> = Command::new(b'f', 1);

fn main() {
    let _ = UPLOAD.number();
}
