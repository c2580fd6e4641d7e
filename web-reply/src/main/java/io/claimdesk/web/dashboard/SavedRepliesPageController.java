package io.claimdesk.web.dashboard;

import io.claimdesk.core.savedreply.SavedReplyOutcome;
import io.claimdesk.core.savedreply.SavedReplyService;
import io.claimdesk.web.page.Templates;
import io.claimdesk.web.savedreply.SavedReplyController;
import io.javalin.http.Context;

/**
 * {@code /dashboard/saved-replies}: every member sees the team's saved replies (they are offered in the reply box);
 * managers create, edit and delete them with the page's forms.
 */
final class SavedRepliesPageController {
  private static final String PAGE = "/dashboard/saved-replies";
  private final PageContext pages;
  private final SavedReplyService replies;

  SavedRepliesPageController(PageContext pages, SavedReplyService replies) {
    this.pages = pages;
    this.replies = replies;
  }

  void show(Context ctx) {
    Templates.render(ctx, "saved-replies.jte", new Views.SavedRepliesView(pages.chrome(ctx, "Saved replies", "saved"),
        replies.all(), SavedReplyService.mayWrite(pages.member(ctx)), null));
  }

  void create(Context ctx) {
    done(ctx, replies.create(pages.member(ctx), ctx.formParam("title"), ctx.formParam("body")));
  }

  void update(Context ctx) {
    done(ctx, replies.update(pages.member(ctx), ctx.pathParam("id"), ctx.formParam("title"), ctx.formParam("body")));
  }

  void delete(Context ctx) {
    done(ctx, replies.delete(pages.member(ctx), ctx.pathParam("id")));
  }

  private void done(Context ctx, SavedReplyOutcome outcome) {
    if (outcome instanceof SavedReplyOutcome.Saved saved) {
      pages.flash(ctx, true, "Saved reply \"" + saved.reply().title() + "\" saved.");
    } else if (outcome instanceof SavedReplyOutcome.Deleted) {
      pages.flash(ctx, true, "Saved reply deleted.");
    } else {
      pages.flash(ctx, false, SavedReplyController.refusal(outcome).getMessage());
    }
    ctx.redirect(PAGE);
  }
}
