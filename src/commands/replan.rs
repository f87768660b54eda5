//! stub
pub fn run(_: &super::Global, _: &crate::cli::ReplanArgs, _: &mut dyn std::io::Write) -> anyhow::Result<()> { todo!() }
