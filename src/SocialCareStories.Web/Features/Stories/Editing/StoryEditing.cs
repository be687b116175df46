using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SocialCareStories.Web.Components;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Accounts;
using SocialCareStories.Web.Features.Audit;
using SocialCareStories.Web.Features.Authors;
using SocialCareStories.Web.Features.CaseStudies;
using SocialCareStories.Web.Features.Categories;
using SocialCareStories.Web.Features.Import;
using SocialCareStories.Web.Features.Media;
using SocialCareStories.Web.Features.Organisations;
using SocialCareStories.Web.Features.Shared;
using SocialCareStories.Web.Features.Tags;

namespace SocialCareStories.Web.Features.Stories.Editing;

/// <summary>
/// Every change an editor makes to a story. Each operation is one SaveChanges (a new story, which needs its id
/// for the audit entry, two in one transaction): the story, a revision of its text, the audit entry and the
/// removal of the editor's autosaved draft commit together or not at all.
/// A save carries the version the editor loaded, so it never silently overwrites another editor's work.
/// </summary>
public sealed class StoryEditing(
    IDbContextFactory<StoriesDbContext> contextFactory,
    AuditLog audit,
    ContentCache cache,
    TimeProvider clock,
    IOptions<StoryEditingOptions> options)
{
    public async Task<StoryForm?> LoadAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var story = await db.Stories.AsNoTracking().Include(s => s.Categories).Include(s => s.Tags)
            .Include(s => s.Authors).ThenInclude(a => a.Author)
            .Include(s => s.CaseStudies).ThenInclude(c => c.Organisations)
            .Include(s => s.CategorySuggestions).ThenInclude(c => c.Category).ThenInclude(c => c.Parent)
            .AsSplitQuery()
            .SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (story is null)
        {
            return null;
        }

        var form = ToForm(story);
        if (story.FeatureImageId is { } imageId && await db.MediaImages.AsNoTracking().SingleOrDefaultAsync(i => i.Id == imageId, cancellationToken) is { } image)
        {
            form.FeatureImage = MediaDetails.Of(image);
        }

        return form;
    }

    public async Task<(StoryStatus Status, DateTimeOffset? ScheduledFor)?> StatusAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.Stories.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.Status, s.ScheduledFor }).SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.Status, found.ScheduledFor);
    }

    /// <summary>
    /// Saves, retrying when another writer took a unique key a moment ago (the same new tag, author or organisation
    /// added by another editor at once: the next attempt finds it). If the store stays locked by another writer past
    /// the wait, nothing is saved and the editor is told so, with their text still in the form.
    /// </summary>
    public async Task<EditResult> SaveAsync(StoryForm form, Actor actor, StoryTransition transition = StoryTransition.Save,
        DateTimeOffset? scheduleFor = null, string? note = null, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SaveOnceAsync(form, actor, transition, scheduleFor, note, cancellationToken);
            }
            catch (DbUpdateException exception) when (attempt < 3 && StoreErrors.IsUniqueViolation(exception))
            {
            }
            catch (Exception exception) when (StoreErrors.IsBusy(exception))
            {
                return new EditResult(EditOutcome.Invalid)
                {
                    StoryId = form.Id ?? 0,
                    Errors = new Dictionary<string, string> { [StoryFields.Store] = StoreBusyMessage },
                };
            }
        }
    }

    /// <summary>The person's session ended (signed out, disabled, role or password changed) while their editor was open.</summary>
    private static EditResult SessionEnded(int? storyId) => new(EditOutcome.Invalid)
    {
        StoryId = storyId ?? 0,
        Errors = new Dictionary<string, string> { [StoryFields.Store] = StaffSessions.EndedMessage },
    };

    public const string StoreBusyMessage =
        "Not saved: the store was busy with other saves for too long. Your text is still here; save again in a moment.";

    /// <summary>Every text the editor typed, keyed as its validation message is and labelled as the field is.</summary>
    private static IEnumerable<(string Field, string Label, IEnumerable<string?> Texts)> TextFields(StoryForm form, string? note) =>
    [
        (StoryFields.Title, "Title", [form.Title]),
        (StoryFields.Slug, "Slug", [form.Slug]),
        (StoryFields.Summary, "Summary", [form.Summary]),
        (StoryFields.Body, "Body", [form.Body]),
        (StoryFields.Authors, "Authors", form.Authors),
        (StoryFields.Tags, "Tags", form.Tags),
        (StoryFields.Source, "Source", [form.SourcePublication, form.SourceUrl]),
        (StoryFields.CaseStudy, "Case study",
            [form.CaseStudy.Organisations, form.CaseStudy.Partners, form.CaseStudy.Place, form.CaseStudy.WhatWasDone, form.CaseStudy.Outcomes]),
        (StoryFields.Note, "Note", [note]),
        (StoryFields.FeatureImage, "Feature image", form.FeatureImageId is null ? [] : [form.FeatureImage.AltText, form.FeatureImage.Caption, form.FeatureImage.Credit]),
    ];

    private async Task<EditResult> SaveOnceAsync(StoryForm form, Actor actor, StoryTransition transition,
        DateTimeOffset? scheduleFor, string? note, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await StaffSessions.HasEndedAsync(db, actor, cancellationToken))
        {
            return SessionEnded(form.Id);
        }
        var now = clock.GetUtcNow();
        var title = form.Title.Trim();
        var slug = Slugs.From(string.IsNullOrWhiteSpace(form.Slug) ? title : form.Slug);

        var errors = new Dictionary<string, string>();
        if (title.Length == 0)
        {
            errors[StoryFields.Title] = "Title: give the story a title.";
        }
        else if (title.Length > 300)
        {
            errors[StoryFields.Title] = "Title: at most 300 characters.";
        }

        if (form.Summary is { Length: > 2000 })
        {
            errors[StoryFields.Summary] = "Summary: at most 2,000 characters.";
        }

        if (form.CaseStudy is { Place.Length: > 300 } or { Partners.Length: > 2000 } or { WhatWasDone.Length: > 4000 } or { Outcomes.Length: > 4000 })
        {
            errors[StoryFields.CaseStudy] = "Case study: place at most 300 characters, partners 2,000, what was done and outcomes 4,000 each.";
        }

        if (!string.IsNullOrWhiteSpace(form.SourceUrl)
            && !(Uri.TryCreate(form.SourceUrl.Trim(), UriKind.Absolute, out var sourceUri) && sourceUri.Scheme is "http" or "https"))
        {
            errors[StoryFields.SourceUrl] = "Source address: a web address starting with https:// or http://.";
        }

        if (transition == StoryTransition.Schedule)
        {
            var earliest = now + options.Value.MinimumScheduleLead;
            if (scheduleFor is null)
            {
                errors[StoryFields.ScheduledFor] = "Publish at: choose a date and time.";
            }
            else if (scheduleFor <= now || scheduleFor < earliest)
            {
                errors[StoryFields.ScheduledFor] = options.Value.MinimumScheduleLead > TimeSpan.Zero
                    ? $"Publish at: choose a time at least {Describe(options.Value.MinimumScheduleLead)} from now."
                    : "Publish at: choose a time in the future.";
            }
        }

        foreach (var (field, label, texts) in TextFields(form, note))
        {
            if (NulCharacters.InAny(texts))
            {
                errors.TryAdd(field, NulCharacters.Message(label));
            }
        }

        MediaImage? featureImage = null;
        if (form.FeatureImageId is { } featureImageId)
        {
            featureImage = await db.MediaImages.SingleOrDefaultAsync(i => i.Id == featureImageId, cancellationToken);
            if (featureImage is null)
            {
                errors[StoryFields.FeatureImage] = "Feature image: that image is no longer in the media library. Choose or upload another.";
            }
            else if (form.FeatureImage.Problem() is { } imageProblem)
            {
                errors.TryAdd(StoryFields.FeatureImage, $"Feature image: {imageProblem}");
            }
        }

        var clash = await db.Stories.AsNoTracking().Where(s => s.Slug == slug && s.Id != (form.Id ?? 0))
            .Select(s => new { s.Id, s.Title }).FirstOrDefaultAsync(cancellationToken);
        if (clash is not null)
        {
            errors[StoryFields.Slug] = $"Slug: “{slug}” is already used by the story “{clash.Title}” (#{clash.Id}). Choose another.";
        }

        if (errors.Count > 0)
        {
            return new EditResult(EditOutcome.Invalid) { Errors = errors, StoryId = form.Id ?? 0, Slug = slug };
        }

        Story story;
        if (form.Id is { } id)
        {
            var found = await db.Stories.Include(s => s.Categories).Include(s => s.Tags).Include(s => s.Authors)
                .Include(s => s.CaseStudies).ThenInclude(c => c.Organisations).Include(s => s.CategorySuggestions)
                .AsSplitQuery().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (found is null)
            {
                return EditResult.NotFound;
            }

            story = found;
            if (form.Version != story.Version)
            {
                return await ConflictAsync(id, cancellationToken);
            }

            // The WHERE clause of the UPDATE checks the version the editor loaded, closing the gap between this
            // check and the write.
            db.Entry(story).Property(s => s.Version).OriginalValue = form.Version.Value;
        }
        else
        {
            story = new Story { Title = title, Slug = slug, Status = StoryStatus.Draft };
            db.Stories.Add(story);
        }

        var wasPublic = story.Status == StoryStatus.Published;
        var listedBefore = ListedAs(story);
        await KeepFormerSlugAsync(db, story, slug, now, cancellationToken);
        story.Title = title;
        story.Slug = slug;
        story.Summary = string.IsNullOrWhiteSpace(form.Summary) ? null : form.Summary.Trim();
        story.BodyMarkdown = form.Body;
        story.Kind = form.Kind;
        story.SourcePublication = string.IsNullOrWhiteSpace(form.SourcePublication) ? null : form.SourcePublication.Trim();
        story.SourceUrl = string.IsNullOrWhiteSpace(form.SourceUrl) ? null : form.SourceUrl.Trim();
        story.EditedAt = now;
        var imageDetailsChanged = false;
        story.FeatureImageId = form.FeatureImageId;
        if (featureImage is not null)
        {
            // The words and focal point belong to the library image: every story showing it shows them.
            form.FeatureImage.ApplyTo(featureImage);
            if (db.Entry(featureImage).State == EntityState.Modified)
            {
                featureImage.UpdatedAt = now;
                imageDetailsChanged = true;
                audit.Record(db, actor, "media.updated", "MediaImage", featureImage.Id, featureImage.AltText);
            }
        }

        await SetCategoriesAsync(db, story, form.CategoryIds, cancellationToken);
        await RecordSuggestionDecisionsAsync(db, story, form, cancellationToken);
        await SetTagsAsync(db, story, form.Tags, cancellationToken);
        await SetAuthorsAsync(db, story, form.Authors, cancellationToken);
        await SetCaseStudyAsync(db, story, form.CaseStudy, cancellationToken);

        var action = "story.saved";
        switch (transition)
        {
            case StoryTransition.Publish:
                story.Status = StoryStatus.Published;
                story.ScheduledFor = null;
                if (story.PublishedOn == PartialDate.Unknown)
                {
                    story.PublishedOn = PartialDate.From(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, options.Value.Zone).DateTime));
                }

                action = "story.published";
                break;
            case StoryTransition.Schedule:
                story.Status = StoryStatus.Scheduled;
                story.ScheduledFor = scheduleFor!.Value.ToUniversalTime();
                action = "story.scheduled";
                break;
            case StoryTransition.Unpublish:
                story.Status = StoryStatus.Unpublished;
                story.ScheduledFor = null;
                action = "story.unpublished";
                break;
        }

        story.Revisions.Add(new Revision
        {
            Title = story.Title,
            Summary = story.Summary,
            BodyMarkdown = story.BodyMarkdown,
            SavedAt = now,
            SavedBy = actor.Name,
            Note = note ?? NoteFor(transition, story.ScheduledFor),
        });
        await RemoveDraftsAsync(db, actor, form.Id, cancellationToken);

        var summary = transition == StoryTransition.Schedule ? $"{story.Title} (for {story.ScheduledFor:u})" : story.Title;
        try
        {
            if (form.Id is { } existingId)
            {
                audit.Record(db, actor, action, "Story", existingId, summary);
                await db.SaveChangesAsync(cancellationToken);
            }
            else
            {
                // A new story needs its id before the audit entry can name it: two writes, one transaction.
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                audit.Record(db, actor, action, "Story", story.Id, summary);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }
        catch (DbUpdateConcurrencyException) when (form.Id is { } storyId)
        {
            return await ConflictAsync(storyId, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another editor took the slug between the check and the write.
            var other = await SlugTakenAsync(slug, form.Id, cancellationToken);
            if (other is null)
            {
                throw;
            }

            return new EditResult(EditOutcome.Invalid)
            {
                Errors = new Dictionary<string, string> { [StoryFields.Slug] = $"Slug: “{slug}” is already used by the story “{other}”. Choose another." },
            };
        }

        // A draft nobody can read changes no public page. A public story's own page and the pages showing it always
        // change; the listings only when it entered or left them, or what they show of it beyond its card changed.
        var isPublic = story.Status == StoryStatus.Published;
        if (wasPublic || isPublic)
        {
            await cache.StoriesChangedAsync([story.Id], listingsChanged: wasPublic != isPublic || ListedAs(story) != listedBefore, cancellationToken);
        }

        if (imageDetailsChanged)
        {
            // Other stories showing the same image show its new words too.
            await using var reads = await contextFactory.CreateDbContextAsync(cancellationToken);
            var others = await reads.Stories.AsNoTracking()
                .Where(s => s.FeatureImageId == story.FeatureImageId && s.Id != story.Id && s.Status == StoryStatus.Published)
                .Select(s => s.Id).ToListAsync(cancellationToken);
            if (others.Count > 0)
            {
                await cache.StoriesChangedAsync(others, listingsChanged: false, cancellationToken);
            }
        }

        return new EditResult(EditOutcome.Saved) { StoryId = story.Id, Version = story.Version, Slug = story.Slug, Status = story.Status };
    }

    /// <summary>Deletes a story (its revisions, comments and drafts go with it), if nobody changed it since it was loaded.</summary>
    public async Task<EditResult> DeleteAsync(int id, Guid version, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await StaffSessions.HasEndedAsync(db, actor, cancellationToken))
        {
            return SessionEnded(id);
        }
        var story = await db.Stories.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (story is null)
        {
            return EditResult.NotFound;
        }

        if (story.Version != version)
        {
            return await ConflictAsync(id, cancellationToken);
        }

        var wasPublic = story.Status == StoryStatus.Published;
        db.Stories.Remove(story);
        audit.Record(db, actor, "story.deleted", "Story", id, story.Title);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ConflictAsync(id, cancellationToken);
        }

        if (wasPublic)
        {
            await cache.StoriesChangedAsync([id], listingsChanged: true, cancellationToken);
        }

        return new EditResult(EditOutcome.Saved) { StoryId = id, Slug = story.Slug, Status = story.Status };
    }

    /// <summary>
    /// What decides where a story is listed and what other pages say of it apart from its card (which is evicted
    /// with the story): its address and title (awards and case-study pages, the sitemap), kind, date, categories,
    /// tags, authors and case study. Two equal strings mean no listing needs rendering again.
    /// </summary>
    private static string ListedAs(Story story) => string.Join('\u001f',
        story.Slug,
        story.Title,
        story.Kind,
        story.PublishedOn,
        string.Join(',', story.Categories.Select(c => c.Id).Order()),
        string.Join(',', story.Tags.Select(t => t.Slug).Order(StringComparer.Ordinal)),
        string.Join(',', story.Authors.OrderBy(a => a.Position).Select(a => a.AuthorId.ToString(CultureInfo.InvariantCulture))),
        string.Join(',', story.CaseStudies.Select(c => string.Join('|', c.Slug, c.Title, c.Place, c.Partners, c.WhatWasDone, c.Outcomes,
            string.Join(',', c.Organisations.Select(o => o.Slug).Order(StringComparer.Ordinal))))));

    /// <summary>Makes an earlier revision's text the story's text again: a new save, itself kept as a revision.</summary>
    public async Task<EditResult> RestoreAsync(int storyId, int revisionId, Guid version, Actor actor, CancellationToken cancellationToken = default)
    {
        var form = await LoadAsync(storyId, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await StaffSessions.HasEndedAsync(db, actor, cancellationToken))
        {
            return SessionEnded(storyId);
        }
        var revision = await db.Revisions.AsNoTracking().SingleOrDefaultAsync(r => r.Id == revisionId && r.StoryId == storyId, cancellationToken);
        if (form is null || revision is null)
        {
            return EditResult.NotFound;
        }

        form.Version = version;
        form.Title = revision.Title;
        form.Summary = revision.Summary;
        form.Body = revision.BodyMarkdown;
        var when = TimeZoneInfo.ConvertTime(revision.SavedAt, options.Value.Zone);
        return await SaveAsync(form, actor, StoryTransition.Save, note: $"Restored the version {revision.SavedBy} saved on {when:d MMM yyyy HH:mm}", cancellationToken: cancellationToken);
    }

    /// <summary>The story as it is now, and who saved it last, for an editor whose save was refused.</summary>
    private async Task<EditResult> ConflictAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var current = await db.Stories.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (current is null)
        {
            return EditResult.NotFound;
        }

        var last = await db.Revisions.AsNoTracking().Where(r => r.StoryId == id).OrderByDescending(r => r.Id)
            .Select(r => new { r.SavedBy, r.SavedAt }).FirstOrDefaultAsync(cancellationToken);
        return new EditResult(EditOutcome.Conflict)
        {
            StoryId = id,
            Version = current.Version,
            Slug = current.Slug,
            Status = current.Status,
            Theirs = new TheirVersion(current.Version, current.Title, current.Slug, current.Summary, current.BodyMarkdown,
                last?.SavedBy ?? "someone", last?.SavedAt ?? current.UpdatedAt),
        };
    }

    /// <summary>
    /// When the slug changes, the old address keeps leading to the story (<see cref="FormerSlug"/>), taken over
    /// from whichever story had it before; the new address is live, so it stops being anyone's former one.
    /// </summary>
    private static async Task KeepFormerSlugAsync(StoriesDbContext db, Story story, string newSlug, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var oldSlug = story.Id != 0 && story.Slug != newSlug ? story.Slug : null;
        var affected = await db.FormerSlugs.Where(f => f.Slug == newSlug || f.Slug == oldSlug).ToListAsync(cancellationToken);
        db.FormerSlugs.RemoveRange(affected.Where(f => f.Slug == newSlug));
        if (oldSlug is null)
        {
            return;
        }

        if (affected.FirstOrDefault(f => f.Slug == oldSlug) is { } former)
        {
            former.StoryId = story.Id;
            former.RetiredAt = now;
        }
        else
        {
            db.FormerSlugs.Add(new FormerSlug { Slug = oldSlug, StoryId = story.Id, RetiredAt = now });
        }
    }

    private async Task<string?> SlugTakenAsync(string slug, int? id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Stories.AsNoTracking().Where(s => s.Slug == slug && s.Id != (id ?? 0)).Select(s => s.Title).FirstOrDefaultAsync(cancellationToken);
    }

    private static async Task SetCategoriesAsync(StoriesDbContext db, Story story, List<int> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        story.Categories.RemoveAll(c => !wanted.Contains(c.Id));
        var missing = wanted.Except(story.Categories.Select(c => c.Id)).ToList();
        story.Categories.AddRange(await db.Categories.Where(c => missing.Contains(c.Id)).ToListAsync(cancellationToken));
    }

    /// <summary>
    /// The editor's choice wins over the classifier's: a suggested category the story now has is accepted, and one the
    /// editor turned down, or a filed one they removed, is rejected and never offered again. A suggestion computed only
    /// in the editor becomes a row here, with the score and reasons the editor saw. The import leaves an edited story's
    /// suggestions alone, so these decisions stand.
    /// </summary>
    private static async Task RecordSuggestionDecisionsAsync(StoriesDbContext db, Story story, StoryForm form, CancellationToken cancellationToken)
    {
        var chosen = story.Categories.Select(c => c.Id).ToHashSet();
        var rejected = form.RejectedCategoryIds.Where(id => !chosen.Contains(id)).ToHashSet();
        foreach (var row in story.CategorySuggestions)
        {
            if (chosen.Contains(row.CategoryId))
            {
                row.State = SuggestionState.Accepted;
            }
            else if (rejected.Contains(row.CategoryId) || row.State is SuggestionState.Applied or SuggestionState.Accepted)
            {
                row.State = SuggestionState.Rejected;
            }
        }

        var computed = form.Suggestions.Where(s => s.CategoryId is not null).DistinctBy(s => s.CategoryId).ToDictionary(s => s.CategoryId!.Value);
        var recorded = story.CategorySuggestions.Select(r => r.CategoryId).ToHashSet();
        var decided = computed.Keys.Where(chosen.Contains).Concat(rejected).Where(id => !recorded.Contains(id)).Distinct().ToList();
        if (decided.Count == 0)
        {
            return;
        }

        // A category deleted since the editor's page computed its suggestion has nothing left to record.
        var existing = await db.Categories.Where(c => decided.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
        foreach (var id in existing)
        {
            var suggestion = computed.GetValueOrDefault(id);
            var reasons = string.Join("; ", suggestion?.Reasons ?? []);
            story.CategorySuggestions.Add(new CategorySuggestion
            {
                CategoryId = id,
                Score = suggestion?.Score ?? 0,
                Reasons = reasons.Length <= CategorySuggestion.ReasonsLength ? reasons : reasons[..CategorySuggestion.ReasonsLength],
                State = chosen.Contains(id) ? SuggestionState.Accepted : SuggestionState.Rejected,
            });
        }
    }

    private static async Task SetTagsAsync(StoriesDbContext db, Story story, List<string> names, CancellationToken cancellationToken)
    {
        var wanted = names.Select(n => n.Trim()).Where(n => n.Length > 0)
            .DistinctBy(n => Slugs.From(n)).ToDictionary(n => Slugs.From(n));
        story.Tags.RemoveAll(t => !wanted.ContainsKey(t.Slug));
        var missing = wanted.Keys.Except(story.Tags.Select(t => t.Slug)).ToList();
        var existing = await db.Tags.Where(t => missing.Contains(t.Slug)).ToListAsync(cancellationToken);
        story.Tags.AddRange(existing);
        story.Tags.AddRange(missing.Except(existing.Select(t => t.Slug)).Select(slug => new Tag { Name = wanted[slug], Slug = slug }));
    }

    /// <summary>
    /// A case-study story keeps its details in its first case study, created when the editor first gives any;
    /// other kinds leave theirs alone (a blog post may describe practice recorded by the curation).
    /// </summary>
    private static async Task SetCaseStudyAsync(StoriesDbContext db, Story story, CaseStudyDetails details, CancellationToken cancellationToken)
    {
        var caseStudy = story.CaseStudies.OrderBy(c => c.Id).FirstOrDefault();
        if (story.Kind != StoryKind.CaseStudy || (caseStudy is null && details.IsEmpty))
        {
            return;
        }

        if (caseStudy is null)
        {
            var slug = story.Slug;
            for (var n = 2; await db.CaseStudies.AnyAsync(c => c.Slug == slug, cancellationToken); n++)
            {
                slug = $"{story.Slug}-{n}";
            }

            caseStudy = new CaseStudy { Title = story.Title, Slug = slug };
            story.CaseStudies.Add(caseStudy);
        }

        caseStudy.Partners = Trimmed(details.Partners);
        caseStudy.Place = Trimmed(details.Place);
        caseStudy.WhatWasDone = Trimmed(details.WhatWasDone);
        caseStudy.Outcomes = Trimmed(details.Outcomes);
        var content = new ContentResolver(db);
        var organisations = new List<Organisation>();
        foreach (var name in details.OrganisationNames)
        {
            organisations.Add(await content.OrganisationAsync(name, cancellationToken));
        }

        caseStudy.Organisations.RemoveAll(o => !organisations.Contains(o));
        caseStudy.Organisations.AddRange(organisations.Where(o => !caseStudy.Organisations.Contains(o)));
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Authors keep the order the editor gave; a name not yet known becomes a new author.</summary>
    private static async Task SetAuthorsAsync(StoriesDbContext db, Story story, List<string> names, CancellationToken cancellationToken)
    {
        var wanted = names.Select(n => n.Trim()).Where(n => n.Length > 0).DistinctBy(n => n.ToUpperInvariant()).ToList();
        var known = await db.Authors.Where(a => wanted.Contains(a.Name)).ToListAsync(cancellationToken);
        var slugs = wanted.Where(n => !known.Any(a => a.Name == n)).Select(Slugs.From).ToList();
        var takenSlugs = (await db.Authors.Where(a => slugs.Contains(a.Slug)).Select(a => a.Slug).ToListAsync(cancellationToken)).ToHashSet();

        // Links to authors who stay are kept and re-ordered rather than deleted and re-added under the same key.
        var links = new List<StoryAuthor>();
        for (var position = 0; position < wanted.Count; position++)
        {
            var name = wanted[position];
            var author = known.FirstOrDefault(a => a.Name == name) ?? known.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));
            if (author is null)
            {
                var slug = Slugs.From(name);
                for (var n = 2; !takenSlugs.Add(slug); n++)
                {
                    slug = $"{Slugs.From(name)}-{n}";
                }

                author = new Author { Name = name, Slug = slug };
                known.Add(author);
            }

            var link = story.Authors.FirstOrDefault(a => a.AuthorId == author.Id && author.Id != 0)
                ?? new StoryAuthor { Story = story, Author = author };
            link.Position = position;
            links.Add(link);
        }

        db.StoryAuthors.RemoveRange(story.Authors.Except(links));
        story.Authors.Clear();
        story.Authors.AddRange(links);
    }

    private static async Task RemoveDraftsAsync(StoriesDbContext db, Actor actor, int? storyId, CancellationToken cancellationToken)
    {
        if (actor.UserId is null)
        {
            return;
        }

        db.StoryDrafts.RemoveRange(await db.StoryDrafts.Where(d => d.UserId == actor.UserId && d.StoryId == storyId).ToListAsync(cancellationToken));
    }

    private string NoteFor(StoryTransition transition, DateTimeOffset? scheduledFor) => transition switch
    {
        StoryTransition.Publish => "Published",
        StoryTransition.Unpublish => "Unpublished",
        StoryTransition.Schedule => $"Scheduled for {TimeZoneInfo.ConvertTime(scheduledFor!.Value, options.Value.Zone):d MMM yyyy HH:mm}",
        _ => "Saved",
    };

    private static string Describe(TimeSpan span) => span.TotalMinutes >= 1
        ? $"{span.TotalMinutes:0} minute{(span.TotalMinutes >= 2 ? "s" : "")}"
        : $"{span.TotalSeconds:0} seconds";

    internal static StoryForm ToForm(Story story) => new()
    {
        Id = story.Id,
        Version = story.Version,
        Title = story.Title,
        Slug = story.Slug,
        Summary = story.Summary,
        Body = story.BodyMarkdown,
        Kind = story.Kind,
        CategoryIds = story.Categories.Select(c => c.Id).ToList(),
        Tags = story.Tags.OrderBy(t => t.Name).Select(t => t.Name).ToList(),
        Authors = story.Authors.OrderBy(a => a.Position).Select(a => a.Author.Name).ToList(),
        SourcePublication = story.SourcePublication,
        SourceUrl = story.SourceUrl,
        FeatureImageId = story.FeatureImageId,
        CaseStudy = story.CaseStudies.OrderBy(c => c.Id).FirstOrDefault() is { } caseStudy
            ? new CaseStudyDetails
            {
                Organisations = string.Join(", ", caseStudy.Organisations.Select(o => o.Name)),
                Partners = caseStudy.Partners,
                Place = caseStudy.Place,
                WhatWasDone = caseStudy.WhatWasDone,
                Outcomes = caseStudy.Outcomes,
            }
            : new CaseStudyDetails(),
        RejectedCategoryIds = story.CategorySuggestions.Where(s => s.State == SuggestionState.Rejected).Select(s => s.CategoryId).ToList(),
        StoredSuggestions = story.CategorySuggestions
            .Select(s => new StoredSuggestion(s.CategoryId, s.Category.Path, s.Score, s.Reasons.Split("; ", StringSplitOptions.RemoveEmptyEntries), s.State))
            .ToList(),
        NeedsReview = story.NeedsReview,
        ReviewNote = story.ReviewNote,
    };
}
