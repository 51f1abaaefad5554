//! Encode/Decode for bounded containers of other crates, behind their features.

#[cfg(feature = "arrayvec")]
mod arrayvec;
#[cfg(feature = "heapless")]
mod heapless;
