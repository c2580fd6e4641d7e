package io.claimdesk.web.dashboard;

import io.claimdesk.core.team.MemberAdmin;
import io.claimdesk.core.team.MemberUpdate;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.VoiceMode;
import io.javalin.http.Context;

/** The team page's edit form of a member (admins), through the same rules as {@code PATCH /api/team/{id}}. */
final class TeamPageController {
  private final PageContext pages;
  private final MemberAdmin admin;
  private final Runnable changed;

  /** {@code changed} tells open pages that a member changed. */
  TeamPageController(PageContext pages, MemberAdmin admin, Runnable changed) {
    this.pages = pages;
    this.admin = admin;
    this.changed = changed;
  }

  /** Every field of the form is sent: an unchecked box is inactive, a blank capacity no limit. */
  public void update(Context ctx) {
    MemberUpdate update = MemberUpdate.none().withActive("true".equals(ctx.formParam("active")))
        .withSlackUserId(text(ctx, "slackUserId")).withDiscordUserId(text(ctx, "discordUserId"))
        .withPhone(text(ctx, "phone"));
    String problem = null;
    String role = text(ctx, "role");
    if (!role.isEmpty()) {
      update = Role.parse(role).map(update::withRole).orElse(update);
    }
    String voice = text(ctx, "voice");
    if (!voice.isEmpty()) {
      update = VoiceMode.parse(voice).map(update::withVoice).orElse(update);
    }
    String capacity = text(ctx, "capacity");
    if (capacity.isEmpty()) {
      update = update.withCapacity(MemberUpdate.UNLIMITED);
    } else if (capacity.matches("\\d{1,6}")) {
      update = update.withCapacity(Integer.parseInt(capacity));
    } else {
      problem = "Capacity must be a whole number of 0 or more, or empty for no limit";
    }
    if (problem == null) {
      MemberAdmin.Result result = admin.update(pages.member(ctx), ctx.pathParam("id"), update);
      problem = message(result);
      if (problem == null) {
        changed.run();
        pages.flash(ctx, true, "Saved " + ((MemberAdmin.Result.Updated) result).member().displayName() + ".");
      }
    }
    if (problem != null) {
      pages.flash(ctx, false, problem);
    }
    ctx.redirect("/dashboard/team");
  }

  private static String message(MemberAdmin.Result result) {
    if (result instanceof MemberAdmin.Result.Forbidden r) {
      return r.message();
    }
    if (result instanceof MemberAdmin.Result.Invalid r) {
      return r.message();
    }
    if (result instanceof MemberAdmin.Result.Taken r) {
      return r.message();
    }
    if (result instanceof MemberAdmin.Result.NotFound) {
      return MemberAdmin.NOT_FOUND;
    }
    return null;
  }

  private static String text(Context ctx, String field) {
    String value = ctx.formParam(field);
    return value == null ? "" : value.strip();
  }
}
