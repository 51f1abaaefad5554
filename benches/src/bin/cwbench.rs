//! Runs one benchmark operation `N` times, for instruction counts under callgrind
//! (`benches/callgrind.sh`).
//!
//! ```text
//! cwbench list                        # msg op peer bytes, one per line
//! cwbench run MSG OP PEER ITERATIONS  # e.g. cwbench run small encode crosswire 1000
//! ```

use std::{hint::black_box, process::ExitCode};

use crosswire_benches::{visit_all, Visit};

struct List;

impl Visit for List {
    fn op<F: FnMut()>(&mut self, msg: &str, op: &str, peer: &str, bytes: usize, _f: F) {
        println!("{msg}\t{op}\t{peer}\t{bytes}");
    }
}

struct Run {
    want: [String; 3],
    iterations: u64,
    found: bool,
}

impl Visit for Run {
    fn op<F: FnMut()>(&mut self, msg: &str, op: &str, peer: &str, _bytes: usize, mut f: F) {
        if [msg, op, peer] == [&self.want[0], &self.want[1], &self.want[2]] {
            self.found = true;
            for _ in 0..black_box(self.iterations) {
                f();
            }
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [cmd] if cmd == "list" => {
            visit_all(&mut List);
            ExitCode::SUCCESS
        }
        [cmd, msg, op, peer, n] if cmd == "run" => {
            let Ok(iterations) = n.parse() else {
                eprintln!("ITERATIONS must be a number");
                return ExitCode::FAILURE;
            };
            let mut run = Run {
                want: [msg.clone(), op.clone(), peer.clone()],
                iterations,
                found: false,
            };
            visit_all(&mut run);
            if run.found {
                ExitCode::SUCCESS
            } else {
                eprintln!("no operation {msg} {op} {peer}; see `cwbench list`");
                ExitCode::FAILURE
            }
        }
        _ => {
            eprintln!("usage: cwbench list | cwbench run MSG OP PEER ITERATIONS");
            ExitCode::FAILURE
        }
    }
}
