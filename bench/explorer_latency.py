"""The static explorer's latency in headless Chromium: input -> every text and bar redrawn.

Used by ``bench/bench.py`` (``make bench``). On ``book/explore.html`` the reader's three
sliders are moved ``moves`` times to random positions (capacity's slider is logarithmic:
its positions are log10 of the value), each input arriving at a random phase of the frame,
as a hand's do. For each move three times are recorded:

* ``outside_ms``: from dispatching the ``input`` event to the explorer marking the redraw
  done (``data-redraws`` changes; seen by a MutationObserver);
* ``inpage_ms``: the explorer's own measure (``lastRedrawMs``: the input handler's start to
  the last text and bar written);
* ``to_next_frame_ms``: from the input to the next animation frame after the redraw (what
  a reader can see at the earliest).

The budget is one frame (16.7 ms at 60 Hz) for the median and the 95th percentile.
"""

from __future__ import annotations

from pathlib import Path

EXPLORER_PAGE = "book/explore.html"

EXPLORER_RUN = """async ({moves, warmup}) => {
  const root = document.querySelector('section.tipline-explorer');
  const explorer = window.tiplineExplorers[0];
  const nextFrame = () => new Promise(r => requestAnimationFrame(r));
  const sleep = ms => new Promise(r => setTimeout(r, ms));
  const redraws = () => Number(root.dataset.redraws || 0);
  const redrawn = before => new Promise((resolve, reject) => {
    const timer = setTimeout(() => { obs.disconnect(); reject(new Error('no redraw in 5 s')); },
                             5000);
    const obs = new MutationObserver(() => {
      if (redraws() > before) { clearTimeout(timer); obs.disconnect(); resolve(performance.now()); }
    });
    obs.observe(root, {attributes: true, attributeFilter: ['data-redraws']});
  });
  const outside = [], frame = [], inpage = [];
  for (let i = 0; i < moves.length; i++) {
    const [name, share, jitter] = moves[i];
    await sleep(jitter);  // inputs arrive at any phase of the frame
    const slider = root.querySelector(`input[data-slider="${name}"]`);
    const low = Number(slider.min), high = Number(slider.max);
    const before = redraws();
    const done = redrawn(before);
    slider.value = String(low + share * (high - low));
    const t0 = performance.now();
    slider.dispatchEvent(new Event('input', {bubbles: true}));
    const t1 = await done;
    await nextFrame();
    const t2 = performance.now();
    if (root.dataset.drawnTilt !== root.dataset.tilt || redraws() !== before + 1) {
      throw new Error(`move ${i}: not redrawn exactly once for the new value`);
    }
    if (i >= warmup) {
      outside.push(t1 - t0);
      frame.push(t2 - t0);
      inpage.push(explorer.lastRedrawMs[explorer.lastRedrawMs.length - 1]);
    }
  }
  return {outside, frame, inpage};
}"""


def explorer_latency(browser, site: Path, moves: int, summary, seed: int = 7) -> dict:
    """Move the explorer's front sliders ``moves`` times (after 10 warm-up moves) and
    summarise the three times with ``summary`` (a function of a list of milliseconds)."""
    import numpy as np
    from browsing import SiteServer

    from tipline.model import DEFAULT_YEAR, params_for_year

    params = params_for_year(DEFAULT_YEAR)
    names = [n for n, p in params.items() if not p.secondary]  # the sliders a reader sees
    rng = np.random.default_rng(seed)
    warmup = 10
    plan = [
        [names[i % len(names)], float(rng.uniform(0, 1)), float(rng.uniform(0, 1000 / 60))]
        for i in range(moves + warmup)
    ]
    server = SiteServer(site)
    context = browser.new_context()
    try:
        page = context.new_page()
        errors = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{server.base}/{EXPLORER_PAGE}")
        page.wait_for_function(
            "() => { const el = document.querySelector('section.tipline-explorer'); "
            "return el && el.classList.contains('tipline-explorer--live') "
            "&& el.dataset.drawnTilt === el.dataset.tilt; }",
            timeout=15_000,
        )
        raw = page.evaluate(EXPLORER_RUN, {"moves": plan, "warmup": warmup})
        return {
            "moves": moves,
            "warmup_moves": warmup,
            "sliders": names,
            "outside_ms": summary(raw["outside"]),
            "to_next_frame_ms": summary(raw["frame"]),
            "inpage_ms": summary(raw["inpage"]),
            "errors": errors,
            "samples": raw,
        }
    finally:
        context.close()
        server.close()
