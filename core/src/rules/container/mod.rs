//! Rules about containers themselves: what an image does with the environment and the network
//! a compose service, `docker run` or pod gives it.

pub mod foreign_image_variable;
pub mod ports_on_host_network;
pub mod required_image_variable;
pub mod statefulset_replicas_differ;
