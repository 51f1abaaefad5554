//! Carries crosswire messages across the Linux kernel/user border. Work in progress.
#![no_std]
