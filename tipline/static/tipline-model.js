/* The tilt model, transcribed line by line from tipline/model/core.py (function `flow`)
 * and tipline/model/__init__.py (functions `verdict` and `verdict_sentence`), for the
 * kernel-free explorer.
 *
 * The Python model is the single source of truth: the browser tests set the explorer's
 * sliders at random points and require this transcription to agree with
 * tipline.model.evaluate to within 1e-9. Change the two together.
 */
(function (root) {
  "use strict";

  function flow(p) {
    var N = p.volume, f = p.foreign_share, q = p.quality, C = p.capacity;
    var t = p.triage, s = p.p_success, c0 = p.p_compromise, a = p.p_alert;

    var foreign = N * f;
    var domestic = N * (1.0 - f);
    var actionable = domestic * q;
    var informational = domestic - actionable;

    var worked = Math.min(C, domestic);
    var investigated = (1.0 - t) * q * worked + t * Math.min(worked, actionable);
    var informational_worked = Math.max(worked - investigated, 0.0);
    var not_reached = Math.max(actionable - investigated, 0.0);
    var informational_unworked = Math.max(informational - informational_worked, 0.0);

    var c = c0 * (2.0 - q);
    var sound_case = s * investigated;
    var compromised = c * investigated;
    var no_result = (1.0 - s - c) * investigated;

    var lost_or_alerted = a * (domestic - worked);
    var unrealised = (1.0 - a) * not_reached;
    var idle_informational = (1.0 - a) * informational_unworked;

    var benefit_investigators = sound_case;
    var benefit_defendants = compromised + lost_or_alerted;
    var total = benefit_investigators + benefit_defendants;
    var tilt = total > 0.0
      ? (benefit_investigators - benefit_defendants) / total
      : (s - c) / (s + c);
    var unrealised_share = domestic > 0.0 ? unrealised / domestic : 0.0;

    return {
      foreign: foreign,
      domestic: domestic,
      actionable: actionable,
      informational: informational,
      worked: worked,
      investigated: investigated,
      informational_worked: informational_worked,
      not_reached: not_reached,
      informational_unworked: informational_unworked,
      sound_case: sound_case,
      compromised: compromised,
      no_result: no_result,
      lost_or_alerted: lost_or_alerted,
      unrealised: unrealised,
      idle_informational: idle_informational,
      benefit_investigators: benefit_investigators,
      benefit_defendants: benefit_defendants,
      tilt: tilt,
      unrealised_share: unrealised_share
    };
  }

  /* The verdict for a tilt, as tipline.model.verdict gives it: bands symmetric in the
   * tilt's magnitude. `v` = {clear: 1/3, lean: 0.1, phrases: [five phrases, from most
   * favourable to investigators to most favourable to defendants]}, shipped by the page. */
  function verdict(tilt, v) {
    var m = Math.abs(tilt);
    if (m >= v.clear) return tilt > 0 ? v.phrases[0] : v.phrases[4];
    if (m >= v.lean) return tilt > 0 ? v.phrases[1] : v.phrases[3];
    return v.phrases[2];
  }

  /* Transcription of tipline.model._count: "about 9,400 sound cases", "no sound cases". */
  function count(x, singular, plural, about) {
    if (x === 0) return "no " + plural;
    if (x < 0.5) return "less than one " + singular;
    var rounded = x >= 10 ? Number(x.toPrecision(2)) : Math.round(x);
    var noun = rounded === 1 ? singular : plural;
    return (about ? "about " : "") + Math.round(rounded).toLocaleString("en-US") + " " + noun;
  }

  /* Transcription of tipline.model._tilt_text: signed, with enough decimals to agree with
   * the verdict. */
  function tiltText(tilt, v) {
    var digits, shown;
    for (digits = 2; digits < 7; digits++) {
      shown = Number(tilt.toFixed(digits)) + 0.0;
      if (verdict(shown, v) === verdict(tilt, v) && Math.sign(shown) === Math.sign(tilt)) break;
    }
    if (digits === 7) digits = 6;
    var text = Math.abs(shown).toFixed(digits);
    return (shown < 0 ? "-" : "+") + text;
  }

  /* Transcription of tipline.model.verdict_sentence. */
  function verdictSentence(r, v) {
    var tilt = r.tilt, bInv = r.benefit_investigators, bDef = r.benefit_defendants;
    var phrase = verdict(tilt, v);
    if (bInv === 0 && bDef === 0) {
      return "At these settings neither side gains: no sound cases and no outcomes that help " +
        "defendants (tilt " + tiltText(tilt, v) + ", the limit as investigations approach zero).";
    }
    if (phrase === "roughly balanced") {
      phrase = "is roughly balanced";
      if (tilt > 0) phrase += ", tipping slightly toward investigators";
      else if (tilt < 0) phrase += ", tipping slightly toward defendants";
    }
    var inv = count(bInv, "sound case", "sound cases", true);
    var dfn = count(bDef, "outcome that helps defendants", "outcomes that help defendants",
      inv.indexOf("about") !== 0);
    return "At these settings the system " + phrase + ": " + inv + " against " + dfn +
      " (tilt " + tiltText(tilt, v) + ").";
  }

  root.TiplineModel = { flow: flow, verdict: verdict, verdictSentence: verdictSentence };
})(window);
