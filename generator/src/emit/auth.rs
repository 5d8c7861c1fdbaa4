//! `auth.rs`: the API's security schemes, `Client::new`/`builder` taking what the API needs,
//! and a builder setter per other scheme.

use super::tokens::{doc_attrs, ident, lit};
use crate::ir::{Api, Credential, Operation, ParamLocation, SchemeKind, SecurityScheme};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The tokens of `src/auth.rs`.
pub fn auth_file(api: &Api) -> TokenStream {
    let count = api.security.len();
    let schemes = api.security.iter().map(scheme_static);
    let count = proc_macro2::Literal::usize_unsuffixed(count);
    let consts = api.security.iter().enumerate().map(|(i, s)| {
        let name = format_ident!("{}", s.const_name);
        let doc = doc_attrs(Some(&format!(
            "The index of scheme `{}` in [`SCHEMES`].",
            s.key
        )));
        let i = proc_macro2::Literal::usize_unsuffixed(i);
        quote! {
            #doc
            pub(crate) const #name: usize = #i;
        }
    });
    let constructors = constructors(api);
    let setters = api
        .security
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != api.primary_scheme)
        .map(|(_, s)| setter(s))
        .collect::<Vec<_>>();
    let setters = (!setters.is_empty()).then(|| {
        quote! {
            impl crate::ClientBuilder {
                #(#setters)*
            }
        }
    });
    let import = if api.security.is_empty() {
        quote!(
            use crate::runtime::Scheme;
        )
    } else {
        quote!(
            use crate::runtime::{Place, Scheme};
        )
    };
    quote! {
        //! How the client authenticates: the API description's security schemes.

        #import

        /// The security schemes that the API's operations require, in the description's order.
        pub(crate) static SCHEMES: [Scheme; #count] = [#(#schemes),*];
        #(#consts)*

        #constructors
        #setters
    }
}

fn scheme_static(scheme: &SecurityScheme) -> TokenStream {
    let name = lit(&scheme.key);
    let place = match &scheme.kind {
        SchemeKind::Http(prefix) => {
            let prefix = lit(prefix);
            quote!(Place::Authorization(#prefix))
        }
        SchemeKind::Basic => quote!(Place::Basic),
        SchemeKind::OAuth2(_) => quote!(Place::Authorization("Bearer")),
        SchemeKind::ApiKey(location, key) => {
            let key = lit(key);
            match location {
                ParamLocation::Query => quote!(Place::Query(#key)),
                ParamLocation::Cookie => quote!(Place::Cookie(#key)),
                ParamLocation::Header | ParamLocation::Path => quote!(Place::Header(#key)),
            }
        }
    };
    let token_url = match &scheme.kind {
        SchemeKind::OAuth2(Some(url)) => {
            let url = lit(url);
            quote!(Some(#url))
        }
        _ => quote!(None),
    };
    quote!(Scheme { name: #name, place: #place, token_url: #token_url })
}

/// The parameter type a scheme's credential is taken as, and the runtime function that
/// turns it into what is sent.
fn credential(scheme: &SecurityScheme) -> (TokenStream, TokenStream) {
    match scheme.kind.credential() {
        Credential::Key => (quote!(impl Into<String>), quote!(held_key)),
        Credential::Basic => (quote!(crate::Basic), quote!(held_basic)),
        Credential::Token => (quote!(impl Into<crate::Token>), quote!(held_token)),
    }
}

/// How a scheme's credential is sent, for docs.
fn how_sent(scheme: &SecurityScheme) -> String {
    match &scheme.kind {
        SchemeKind::Http(prefix) => format!("`Authorization: {prefix} <key>`"),
        SchemeKind::Basic => "HTTP basic auth (`Authorization: Basic ...`)".into(),
        SchemeKind::OAuth2(_) => "`Authorization: Bearer <token>`".into(),
        SchemeKind::ApiKey(ParamLocation::Query, name) => format!("the query parameter `{name}`"),
        SchemeKind::ApiKey(ParamLocation::Cookie, name) => format!("the cookie `{name}`"),
        SchemeKind::ApiKey(_, name) => format!("the header `{name}`"),
    }
}

fn scheme_doc(scheme: &SecurityScheme) -> String {
    let mut doc = format!(
        "Sent as {} by operations that require `{}`.",
        how_sent(scheme),
        scheme.key
    );
    if let SchemeKind::OAuth2(url) = &scheme.kind {
        doc.push_str(
            " A fixed token (`\"token\"`), [`ClientCredentials`](crate::ClientCredentials)",
        );
        if let Some(url) = url {
            doc.push_str(&format!(" (token URL `{url}`)"));
        }
        doc.push_str(" or [`Token::from_fn`](crate::Token::from_fn).");
    }
    if let Some(text) = &scheme.doc {
        doc.push_str("\n\n");
        doc.push_str(text);
    }
    doc
}

fn constructors(api: &Api) -> TokenStream {
    let with = |body: TokenStream| quote!(crate::ClientBuilder::new(&SCHEMES) #body);
    let (params, args, builder, what): (_, _, _, String) = match api
        .primary_scheme
        .map(|i| &api.security[i])
    {
        Some(scheme) => {
            let (ty, make) = credential(scheme);
            let arg = format_ident!("{}", arg_name(scheme));
            let index = format_ident!("{}", scheme.const_name);
            let convert = match scheme.kind.credential() {
                Credential::Basic => quote!(#arg),
                _ => quote!(#arg.into()),
            };
            (
                quote!(#arg: #ty),
                quote!(#arg),
                with(
                    quote!(.credential(#index, crate::runtime::#make(&SCHEMES[#index], #convert))),
                ),
                format!(
                    "authenticates with `{}`.\n\n{}",
                    arg_name(scheme),
                    scheme_doc(scheme)
                ),
            )
        }
        None => (
            quote!(),
            quote!(),
            with(quote!()),
            if api.security.is_empty() {
                "needs no credentials: the API requires none.".to_string()
            } else {
                "holds no credentials yet: give each scheme's with its builder setter.".to_string()
            },
        ),
    };
    let builder_doc = doc_attrs(Some(&format!("Starts configuring a client that {what}")));
    let new_doc = doc_attrs(Some(&format!(
        "A client with the default settings that {what}\n\n# Errors\n\nWhen a credential cannot be sent in an HTTP header, or TLS cannot be set up."
    )));
    quote! {
        impl crate::Client {
            #builder_doc
            pub fn builder(#params) -> crate::ClientBuilder {
                #builder
            }

            #new_doc
            pub fn new(#params) -> Result<Self, crate::BuildError> {
                Self::builder(#args).build()
            }
        }
    }
}

fn setter(scheme: &SecurityScheme) -> TokenStream {
    let (ty, make) = credential(scheme);
    let name = ident(&scheme.setter);
    let arg = format_ident!("{}", arg_name(scheme));
    let index = format_ident!("{}", scheme.const_name);
    let convert = match scheme.kind.credential() {
        Credential::Basic => quote!(#arg),
        _ => quote!(#arg.into()),
    };
    let doc = doc_attrs(Some(&format!(
        "Authenticates with `{}`.\n\n{}",
        scheme.key,
        scheme_doc(scheme)
    )));
    quote! {
        #doc
        pub fn #name(self, #arg: #ty) -> Self {
            self.credential(#index, crate::runtime::#make(&SCHEMES[#index], #convert))
        }
    }
}

fn arg_name(scheme: &SecurityScheme) -> &'static str {
    match scheme.kind.credential() {
        Credential::Key => "api_key",
        Credential::Basic => "credentials",
        Credential::Token => "token",
    }
}

/// The requirement an operation's builder sets on its request, or nothing when it needs no
/// credentials.
pub fn requirement(op: &Operation, api: &Api) -> Option<TokenStream> {
    if op.security.is_empty() {
        return None;
    }
    let alternatives = op.security.iter().map(|alternative| {
        let names = alternative.iter().map(|&i| {
            let name = format_ident!("{}", api.security[i].const_name);
            quote!(crate::auth::#name)
        });
        quote!(&[#(#names),*])
    });
    Some(quote!(request.security(&[#(#alternatives),*]);))
}

/// `Client::new(..)?` or a builder chain with the credentials `op` needs (its first
/// alternative), for doc examples.
pub fn client_expr(api: &Api, op: &Operation) -> TokenStream {
    let krate = api.crate_name.replace('-', "_");
    let (chain, setters) = builder_chain(api, Some(op), &format!("{krate}::Client"));
    let text = if setters {
        format!("{chain}.build()?")
    } else {
        format!("{krate}::Client::new({})?", primary_arg(api))
    };
    text.parse().unwrap_or_default()
}

/// `<client>::builder(..)` and the setters of the schemes `op` needs beyond the primary one
/// (`None`: the first operation's needs do not matter), as code text; and whether there are
/// setters.
pub fn builder_chain(api: &Api, op: Option<&Operation>, client: &str) -> (String, bool) {
    let primary = api.primary_scheme;
    let needed: Vec<usize> = op
        .and_then(|op| first_needed(op, primary))
        .unwrap_or_default()
        .into_iter()
        .filter(|&i| Some(i) != primary)
        .collect();
    let mut text = format!("{client}::builder({})", primary_arg(api));
    for &i in &needed {
        let scheme = &api.security[i];
        text.push_str(&format!(
            ".{}({})",
            scheme.setter,
            placeholder(api, scheme, false)
        ));
    }
    (text, !needed.is_empty())
}

fn primary_arg(api: &Api) -> String {
    api.primary_scheme
        .map(|i| placeholder(api, &api.security[i], true))
        .unwrap_or_default()
}

/// The schemes of the alternative an example uses: none when the primary scheme alone (or
/// nothing) will do, else the first alternative.
fn first_needed(op: &Operation, primary: Option<usize>) -> Option<Vec<usize>> {
    if op
        .security
        .iter()
        .any(|a| a.is_empty() || primary.is_some_and(|p| a == &[p]))
    {
        return None;
    }
    op.security.first().cloned()
}

/// A placeholder credential, as code text.
fn placeholder(api: &Api, scheme: &SecurityScheme, primary: bool) -> String {
    match scheme.kind.credential() {
        Credential::Basic => format!(
            "{}::Basic::new(\"USER\", \"PASSWORD\")",
            api.crate_name.replace('-', "_")
        ),
        Credential::Token => "\"YOUR_ACCESS_TOKEN\"".into(),
        Credential::Key if primary => "\"YOUR_API_KEY\"".into(),
        Credential::Key => format!("\"YOUR_{}\"", scheme.const_name),
    }
}
