//! The reference decoder and crosswire agree on forward-compatible enums (spec §17) over
//! every input of a small structured family: each selector of those types, known and
//! unknown tags, body lengths shorter, equal and longer than the bodies, and tails of
//! zero, non-zero and invalid bytes. Random bytes rarely hold a plausible body length.

use crosswire_fuzz_oracles::decode_reference;

#[test]
fn forward_compatible_enums_agree_on_structured_inputs() {
    let tags: [&[u8]; 10] = [
        &[0],
        &[1],
        &[2],
        &[3],
        &[4],
        &[5, 0],
        &[6, 0],
        &[9, 0],
        &[0, 1],
        &[1, 0],
    ];
    let symbols = [0u8, 1, 0x80];
    let mut tails: Vec<Vec<u8>> = vec![Vec::new()];
    for len in 1..=5 {
        let mut next = Vec::new();
        for tail in tails.iter().filter(|t| t.len() == len - 1) {
            for s in symbols {
                let mut t = tail.clone();
                t.push(s);
                next.push(t);
            }
        }
        tails.extend(next);
    }
    let mut runs = 0;
    for sel in 14u8..20 {
        for tag in tags {
            for len in 0u8..8 {
                for tail in &tails {
                    let mut data = vec![sel];
                    data.extend_from_slice(tag);
                    data.extend([len, 0, 0, 0]);
                    data.extend(tail);
                    decode_reference(&data);
                    runs += 1;
                }
            }
        }
    }
    assert_eq!(runs, 6 * 10 * 8 * 364);
}
