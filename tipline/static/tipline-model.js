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

  /* `p` holds the numeric parameters; `choices` = {baseline, capacity_basis} (strings;
   * missing ones take the defaults "no_report" and "icac_stream"). */
  function flow(p, choices) {
    var N = p.volume, f = p.foreign_share, q = p.quality, C = p.capacity;
    var g = p.icac_share, t = p.triage, s = p.p_success, k = p.p_compromise;
    var a = p.p_alert, lo = p.p_lost;
    var c = choices || {};
    var workedInTime = c.baseline === "worked_in_time";
    var likeForLike = (c.capacity_basis || "icac_stream") === "icac_stream";

    var foreign = N * f;
    var domestic = N * (1.0 - f);
    var actionable = domestic * q;
    var informational = domestic - actionable;

    var reach = likeForLike ? C / g : C;
    var worked = Math.min(domestic, reach);
    var investigated = (1.0 - t) * q * worked + t * Math.min(worked, actionable);
    var informational_worked = Math.max(worked - investigated, 0.0);
    var not_reached = Math.max(actionable - investigated, 0.0);
    var informational_unworked = Math.max(informational - informational_worked, 0.0);

    var court = s * investigated;
    var compromised = k * court;
    var sound_case = (1.0 - k) * court;
    var no_result = (1.0 - s) * investigated;

    var unworked = domestic - worked;
    var tipped_off = a * unworked;
    var lost = lo * unworked;
    var unrealised = (1.0 - a - lo) * not_reached;
    var idle_informational = (1.0 - a - lo) * informational_unworked;

    var benefit_investigators = sound_case;
    var benefit_defendants, neither;
    if (workedInTime) {
      benefit_defendants = compromised + tipped_off + lost;
      neither = informational_worked + no_result + unrealised + idle_informational;
    } else {
      benefit_defendants = compromised + tipped_off;
      neither = informational_worked + no_result + unrealised + idle_informational + lost;
    }
    var total = benefit_investigators + benefit_defendants;
    var tilt = total > 0.0
      ? (benefit_investigators - benefit_defendants) / total
      : 1.0 - 2.0 * k;
    var unrealised_share = domestic > 0.0 ? unrealised / domestic : 0.0;
    var neither_share = domestic > 0.0 ? neither / domestic : 0.0;

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
      court: court,
      sound_case: sound_case,
      compromised: compromised,
      no_result: no_result,
      tipped_off: tipped_off,
      lost: lost,
      unrealised: unrealised,
      idle_informational: idle_informational,
      benefit_investigators: benefit_investigators,
      benefit_defendants: benefit_defendants,
      neither: neither,
      tilt: tilt,
      unrealised_share: unrealised_share,
      neither_share: neither_share
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
    return (shown < 0 ? "\u2212" : "+") + text;
  }

  /* Transcription of tipline.model.share_text: a percentage with the fewest decimals (up to
   * four) that rounds neither a share above zero to "0%" nor one below one to "100%". Python
   * and JavaScript both round the decimal value half to even only on exact ties, which a
   * share computed from the model never is in practice. */
  function shareText(x) {
    var shown = "";
    for (var digits = 0; digits < 5; digits++) {
      shown = (x * 100).toFixed(digits) + "%";
      var value = Number((x * 100).toFixed(digits)) / 100;
      if ((value > 0 || x === 0) && (value < 1 || x === 1)) return shown;
    }
    return shown;
  }

  /* Transcription of tipline.model.verdict_sentence. */
  function verdictSentence(r, v) {
    var tilt = r.tilt, bInv = r.benefit_investigators, bDef = r.benefit_defendants;
    var phrase = verdict(tilt, v);
    var neither = " Neither side gains from " + shareText(r.neither_share) +
      " of the domestic reports.";
    if (bInv === 0 && bDef === 0) {
      return "At these settings neither side gains: no sound cases and no outcomes that help " +
        "defendants (tilt " + tiltText(tilt, v) + ", the limit as investigations approach zero)." +
        neither;
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
      " (tilt " + tiltText(tilt, v) + ")." + neither;
  }

  root.TiplineModel = {
    flow: flow, verdict: verdict, verdictSentence: verdictSentence, shareText: shareText
  };
})(window);
