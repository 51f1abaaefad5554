//! What several examples of `crosswire-kernel` (`ip_link`, `ip_addr`, `ip_monitor`,
//! `genl_ctrl_list`, `usersock_daemon`, `usersock_tool`) and its host netlink tests share,
//! as a crate of its own rather than files each includes.

pub mod json;
pub mod nlctrl;
pub mod rtnl;
pub mod usersock;
