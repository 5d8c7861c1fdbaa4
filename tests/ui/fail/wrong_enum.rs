// Each enum is its own type: a `Persona` is not a `PermissionType`.
use sendgrid_sso::models::{Persona, SsoTeammatesBaseRequestPropsSubuserAccessItem};

fn main() {
    let _access = SsoTeammatesBaseRequestPropsSubuserAccessItem::new(1234567, Persona::Developer);
}
