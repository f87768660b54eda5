//! The integration tests: one test binary, one module per area, one shared helper module
//! ([`common`]). One binary links the crate once instead of once per file.

mod common;
// The fuzzer's oracle, which the regression fixtures replay: the example's own code, not
// library API.
#[path = "../examples/fuzz/shapes.rs"]
mod fuzz_shapes;
#[path = "../examples/fuzz/robust.rs"]
mod robust;

mod bench;
mod bench_solvers;
mod browser;
mod cancelled;
mod cli_check;
mod cli_exit_codes;
mod cli_files;
mod cli_friends;
mod cli_inputs;
mod cli_interests;
mod cli_nights;
mod cli_output;
mod cli_plan;
mod cli_reading;
mod cli_talks;
mod conference_days;
mod diff_yours;
mod docs_links;
mod dst;
mod export;
mod fetch;
mod filling;
mod friends;
mod friends_page;
mod full_room;
mod fuzz_regressions;
mod generate;
mod import;
mod interests_sample;
mod layout;
mod links;
mod live;
mod meet;
mod messages;
mod nights;
mod nothing_dropped;
mod on;
mod phone_page;
mod planner;
mod pocket;
mod readers;
mod renumbered;
mod replan;
mod sanitize;
mod saved_plans_checked;
mod scale;
mod settings;
mod shared_helper;
mod stars;
mod times;
mod topics_sample;
mod transcription;
mod verify;
mod walking;
mod write_model;
