// Enum variants are the spec's values: a value the spec does not list is not a variant.
use sendgrid_sso::models::{PermissionType, SsoTeammatesBaseRequestPropsSubuserAccessItem};

fn main() {
    let _access = SsoTeammatesBaseRequestPropsSubuserAccessItem::new(1234567, PermissionType::Owner);
}
