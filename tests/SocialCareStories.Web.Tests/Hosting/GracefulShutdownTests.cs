using System.Net;
using System.Text;
using SocialCareStories.Web.Features.Accounts.Pages;
using SocialCareStories.Web.Hosting;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Hosting;

/// <summary>SIGTERM to the portal as a real process while a request is still arriving.</summary>
[Trait("Category", "Process")]
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task Sigterm_lets_a_request_in_flight_finish_with_its_full_answer_then_the_portal_exits_cleanly()
    {
        using var store = new StoreFile();
        await store.MigrateAsync();
        await using var portal = await AppProcess.StartPortalAsync(store.Path);
        using var client = portal.CreateClient();
        // The sign-in form, fetched on the connection the post will reuse, so the portal has already accepted it.
        var form = await StaffAccounts.FormFieldsAsync(client, "/Account/Login", "form.account-form");
        form["Input.Email"] = "nobody@example.org";
        form["Input.Password"] = "not a password anyone has";
        var body = new HalfNowHalfLater(await new FormUrlEncodedContent(form).ReadAsByteArrayAsync());

        var posting = client.PostAsync(new Uri("/Account/Login", UriKind.Relative), body);
        await body.FirstHalfSent;
        await Task.Delay(250);
        portal.Terminate();
        await portal.WaitForEventsAsync(nameof(GracefulShutdown.ShutdownStarted), 1, TimeSpan.FromSeconds(30));
        Assert.False(portal.HasExited);
        body.SendTheRest();
        using var response = await posting;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(Login.FailureMessage), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await portal.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.DoesNotContain(portal.Events, e => e.TryGetProperty("@l", out var level) && level.GetString() is "Error" or "Fatal");
    }

    /// <summary>A form body sent in two parts: the request is in flight, its body half read, until the test says go on.</summary>
    private sealed class HalfNowHalfLater : HttpContent
    {
        private readonly byte[] _content;
        private readonly TaskCompletionSource _firstHalfSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _rest = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HalfNowHalfLater(byte[] content)
        {
            _content = content;
            Headers.ContentType = new("application/x-www-form-urlencoded");
        }

        public Task FirstHalfSent => _firstHalfSent.Task;

        public void SendTheRest() => _rest.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var half = _content.Length / 2;
            await stream.WriteAsync(_content.AsMemory(0, half));
            await stream.FlushAsync();
            _firstHalfSent.TrySetResult();
            await _rest.Task;
            await stream.WriteAsync(_content.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _content.Length;
            return true;
        }
    }
}
