//! `agenda bench --plot FILE.svg`: solve time against conference size, one line per method,
//! both axes logarithmic, so that a straight line of slope p means time ∝ n^p.
//!
//! Drawn with plotters' SVG backend only (no font libraries: text is laid out by plotters'
//! built-in estimate and rendered by whatever shows the SVG).

use super::bench::{Row, ms};
use plotters::prelude::*;

/// Smallest time drawn, in ms: a log axis cannot show 0.
const FLOOR_MS: f64 = 1e-4;

/// One line of the plot: legend, colour, and the time of a row in ms.
type Series = (&'static str, RGBColor, fn(&Row) -> f64);

/// The lines drawn.
fn series() -> [Series; 3] {
    [
        ("integer program: solve (median)", RED, |r| {
            ms(r.solve_median)
        }),
        ("integer program: build + solve", MAGENTA, |r| {
            ms(r.build + r.solve_median)
        }),
        ("dynamic program (median)", BLUE, |r| ms(r.dp)),
    ]
}

/// The SVG text of the plot of `rows` (cases with no talks are left out).
pub fn svg(rows: &[Row], title: &str) -> anyhow::Result<String> {
    let rows: Vec<&Row> = rows.iter().filter(|r| r.talks > 0).collect();
    let xs = rows.iter().map(|r| r.talks as f64);
    let ys = rows
        .iter()
        .flat_map(|r| series().map(|(_, _, f)| f(r).max(FLOOR_MS)));
    let (x0, x1) = bounds(xs);
    let (y0, y1) = bounds(ys);
    let mut text = String::new();
    {
        let root = SVGBackend::with_string(&mut text, (900, 560)).into_drawing_area();
        let fail = |e: &dyn std::fmt::Display| anyhow::anyhow!("drawing the plot: {e}");
        root.fill(&WHITE).map_err(|e| fail(&e))?;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 20))
            .margin(15)
            .x_label_area_size(45)
            .y_label_area_size(70)
            .build_cartesian_2d(
                (x0 / 1.2..x1 * 1.2).log_scale(),
                (y0 / 2.0..y1 * 2.0).log_scale(),
            )
            .map_err(|e| fail(&e))?;
        chart
            .configure_mesh()
            .x_desc("talks in the schedule")
            .y_desc("time (ms)")
            .draw()
            .map_err(|e| fail(&e))?;
        for (label, colour, f) in series() {
            let points: Vec<(f64, f64)> = rows
                .iter()
                .map(|r| (r.talks as f64, f(r).max(FLOOR_MS)))
                .collect();
            chart
                .draw_series(LineSeries::new(points.clone(), colour.stroke_width(2)))
                .map_err(|e| fail(&e))?
                .label(label)
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], colour));
            chart
                .draw_series(
                    points
                        .into_iter()
                        .map(|p| Circle::new(p, 3, colour.filled())),
                )
                .map_err(|e| fail(&e))?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .draw()
            .map_err(|e| fail(&e))?;
        root.present().map_err(|e| fail(&e))?;
    }
    Ok(text)
}

/// Lowest and highest of some positive values (1 and 10 when there are none).
fn bounds(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = values.fold((f64::INFINITY, 0.0f64), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if lo.is_finite() && hi > 0.0 {
        (lo, hi.max(lo))
    } else {
        (1.0, 10.0)
    }
}
