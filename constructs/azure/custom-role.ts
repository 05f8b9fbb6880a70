import { RoleAssignment, type RoleAssignmentConfig } from '@cdktf/provider-azurerm/lib/role-assignment';
import { RoleDefinition } from '@cdktf/provider-azurerm/lib/role-definition';
import type { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import type { TerraformStack } from 'cdktf';

/** A custom role limited to `actions` on one scope, assigned to a managed identity there. */
export interface CustomRoleGrantProps {
  /** Construct ids (Terraform addresses) of the role definition and of its assignment. */
  readonly ids: { readonly role: string; readonly assignment: string };
  /** The tenant-unique role name (see names.ts). */
  readonly name: string;
  readonly description: string;
  readonly scope: string;
  readonly actions: readonly string[];
  readonly identity: UserAssignedIdentity;
  /** Checks the plan must pass first (Terraform preconditions). */
  readonly lifecycle?: RoleAssignmentConfig['lifecycle'];
}

/**
 * For grants no built-in role is narrow enough for (a built-in Reader would expose everything in
 * the scope): a role holding only the listed actions, assignable only where it is assigned.
 */
export function grantCustomRole(stack: TerraformStack, props: CustomRoleGrantProps): RoleAssignment {
  const role = new RoleDefinition(stack, props.ids.role, {
    name: props.name,
    description: props.description,
    scope: props.scope,
    assignableScopes: [props.scope],
    permissions: [{ actions: [...props.actions] }],
  });
  return new RoleAssignment(stack, props.ids.assignment, {
    scope: props.scope,
    roleDefinitionId: role.roleDefinitionResourceId,
    principalId: props.identity.principalId,
    principalType: 'ServicePrincipal',
    ...(props.lifecycle ? { lifecycle: props.lifecycle } : {}),
  });
}
