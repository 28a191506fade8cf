using System.Security.Claims;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Organisation;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

using SessionOptions = CitizenVoice.Features.Access.SessionOptions;

namespace CitizenVoice.Features.Staff;

public static class StaffSetup
{
    public static IHostApplicationBuilder AddStaff(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SessionOptions>().BindConfiguration(SessionOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        var session = builder.Configuration.GetSection(SessionOptions.Section).Get<SessionOptions>() ?? new();
        builder.Services.AddOptions<SignInThrottleOptions>().BindConfiguration(SignInThrottleOptions.Section);
        builder.Services.AddSingleton<SignInThrottle>();

        builder.Services.AddIdentity<StaffUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = true;
                // Counts wrong authenticator codes (only someone who knew the password gets that far); wrong passwords
                // are counted per address by SignInThrottle, so that no stranger can lock a leader's account.
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDb>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>()
            .AddErrorDescriber<VietnameseIdentityErrors>();

        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "cv.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/dang-nhap";
            o.LogoutPath = "/dang-xuat";
            o.AccessDeniedPath = "/khong-co-quyen";
            // The server-side session outlives the idle warning by the countdown plus half of it again as grace, so
            // the dialog tells the truth and its sign-out post still carries a valid session; no longer, so a page
            // left open with the browser asleep is not a session left open. Page loads slide it, and while the
            // person works on one page idle.js posts the keep-alive below (only after activity).
            o.ExpireTimeSpan = session.IdleTimeout + TimeSpan.FromSeconds(session.WarningSeconds * 1.5);
            o.SlidingExpiration = true;
        });
        // A disabled account is signed out within a minute, not at the end of its cookie.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        builder.Services.AddScoped<UnitScope>();
        builder.Services.AddScoped<IStaffAccounts, StaffAccounts>();
        builder.Services.AddScoped<IAuthorizationHandler, UnitScopeHandler>();
        // Deny by default: a page or endpoint that names no policy is for signed-in staff, so one that forgets its
        // [Authorize] is closed, not public. Public pages and endpoints say so (AllowAnonymous), each in its feature's setup.
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim(UnitScope.UnitClaim).Build())
            .AddPolicy(Policies.Staff, p => p.RequireAuthenticatedUser().RequireClaim(UnitScope.UnitClaim))
            .AddPolicy(Policies.Administrator, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(UnitScope.Policy, p => p.AddRequirements(new UnitScopeRequirement()));

        builder.Services.AddScoped<ISeeder, StaffSeed>();
        builder.Services.Configure<RazorPagesOptions>(o => o.Conventions.AddPageRoute("/Staff/StaffEdit", "/quan-tri/can-bo/{id:guid}")
            // The home page, the error and access-denied pages, and signing in and out are for everybody.
            .AllowAnonymousToFolder("/Home")
            .AllowAnonymousToPage("/Staff/SignIn").AllowAnonymousToPage("/Staff/SignInCode").AllowAnonymousToPage("/Staff/SignOut")
            // Pages check a resource's unit in their handlers: a post no handler takes must not render the page unchecked.
            .ConfigureFilter(new Infrastructure.UnhandledPosts()));
        builder.Services.AddSingleton(new StaffArea(90, "Cán bộ", "Tài khoản cán bộ, vai trò và đơn vị.", "/quan-tri/can-bo", Roles.Administrator));
        builder.Services.AddSingleton(new StaffArea(99, "Tài khoản của tôi", "Đổi mật khẩu, bật xác thực hai bước.", "/tai-khoan"));
        return builder;
    }

    public static IEndpointRouteBuilder MapStaff(this IEndpointRouteBuilder app)
    {
        // Posted by idle.js after activity (at most once a minute) and by the idle dialog's button: re-issues the
        // cookie so the session starts a new idle period.
        app.MapPost("/tai-khoan/giu-phien", async (
            HttpContext http, IAntiforgery antiforgery, SignInManager<StaffUser> signIn, UserManager<StaffUser> users, ClaimsPrincipal principal) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            var user = await users.GetUserAsync(principal);
            if (user is null || user.IsDisabled)
            {
                return Results.Unauthorized();
            }

            // A new cookie with a new expiry. RefreshSignInAsync would keep the old cookie's issue and expiry times
            // (and override the sliding renewal), so the session would end while the person works. The way the
            // person signed in (password, two-step code) carries over.
            var current = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
            var properties = current.Properties ?? new AuthenticationProperties();
            properties.IssuedUtc = null;
            properties.ExpiresUtc = null;
            var method = principal.Claims.Where(c => c.Type is ClaimTypes.AuthenticationMethod or "amr").ToList();
            await signIn.SignInWithClaimsAsync(user, properties, method);
            return Results.NoContent();
        }).RequireAuthorization(Policies.Staff).ExcludeFromDescription();

        // An address nothing answers is "not found" for everybody: without this, the deny-by-default policy would send
        // a citizen following a stale link to the sign-in page. One that exists for other methods (DELETE on a POST-only
        // API) answers 405, as routing does when no fallback is mapped.
        app.MapFallback("{*path}", (HttpContext http, EndpointDataSource endpoints) =>
            Results.StatusCode(ExistsForOtherMethods(http.Request.Path, endpoints) ? StatusCodes.Status405MethodNotAllowed : StatusCodes.Status404NotFound))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static bool ExistsForOtherMethods(PathString path, EndpointDataSource endpoints) =>
        endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw != "{*path}" && e.Metadata.GetMetadata<IHttpMethodMetadata>() is not null)
            .Any(e => new Microsoft.AspNetCore.Routing.Template.TemplateMatcher(
                Microsoft.AspNetCore.Routing.Template.TemplateParser.Parse(e.RoutePattern.RawText!.TrimStart('/')), new RouteValueDictionary())
                .TryMatch(path, new RouteValueDictionary()));
}

/// <summary>Puts the user's unit and full name into the sign-in cookie.</summary>
internal sealed class StaffClaimsFactory(UserManager<StaffUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(UnitScope.UnitClaim, user.UnitId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(ClaimTypes.GivenName, user.FullName));
        return identity;
    }

}
