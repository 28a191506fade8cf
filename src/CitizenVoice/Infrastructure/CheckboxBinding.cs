using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace CitizenVoice.Infrastructure;

/// <summary>
/// A yes/no field (a consent box) posted with something other than true or false: the field is refused with the usual
/// "invalid value" message, and the value kept for the form is "false". The checkbox helper cannot draw a box from
/// "notabool" and would fail the whole page, so the form could not even be shown again with its message.
/// </summary>
public sealed class CheckboxBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.UnderlyingOrModelType == typeof(bool) && !context.Metadata.IsComplexType
            ? new CheckboxBinder(new SimpleTypeModelBinder(context.Metadata.ModelType, context.Services.GetRequiredService<ILoggerFactory>()))
            : null;

    private sealed class CheckboxBinder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            await inner.BindModelAsync(bindingContext);
            var key = bindingContext.ModelName;
            if (!bindingContext.Result.IsModelSet && bindingContext.ModelState.TryGetValue(key, out var entry)
                && entry.Errors.Count > 0 && !bool.TryParse(entry.AttemptedValue, out _))
            {
                bindingContext.ModelState.SetModelValue(key, rawValue: false, attemptedValue: "false");
            }
        }
    }
}

internal sealed class CheckboxBinding : Microsoft.Extensions.Options.IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options) => options.ModelBinderProviders.Insert(0, new CheckboxBinderProvider());
}
