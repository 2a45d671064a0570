import { ArgsType, Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsNotEmpty, IsOptional, MaxLength } from 'class-validator';
import { Role } from '../../common/auth-user.js';
import { PageArgs, Paginated } from '../../common/paging.js';
import { User } from '../user.entity.js';

@ObjectType()
export class LoginResult {
  @Field({ description: 'Bearer 令牌，放在 Authorization 头中' })
  token: string;
  @Field()
  expiresAt: Date;
  @Field(() => User)
  user: User;
  @Field(() => PasswordChangeReason, {
    nullable: true,
    description: '非空：须先修改密码（MUST_CHANGE 管理员重置或首次登录；EXPIRED 密码过期），此前只能调用 me、changePassword、logout',
  })
  passwordChangeRequired: PasswordChangeReason | null;
}

export enum PasswordChangeReason {
  MUST_CHANGE = 'MUST_CHANGE',
  EXPIRED = 'EXPIRED',
}
registerEnumType(PasswordChangeReason, { name: 'PasswordChangeReason', description: '须修改密码的原因：管理员重置或首次登录、密码过期' });

@InputType()
export class CreateUserInput {
  @Field() @IsNotEmpty({ message: '用户名不能为空' }) @MaxLength(64) username: string;
  @Field() @IsNotEmpty({ message: '姓名不能为空' }) @MaxLength(64) displayName: string;
  @Field(() => Role) @IsEnum(Role) role: Role;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() regionId?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() departmentId?: number;
  @Field() @IsNotEmpty({ message: '密码不能为空' }) password: string;
}

export enum UserSort {
  USERNAME = 'USERNAME',
  DISPLAY_NAME = 'DISPLAY_NAME',
  ROLE = 'ROLE',
  LAST_LOGIN = 'LAST_LOGIN',
  CREATED = 'CREATED',
}
registerEnumType(UserSort, { name: 'UserSort', description: '用户列表排序：用户名、姓名、角色、最近登录、创建时间' });

@ArgsType()
export class UsersArgs extends PageArgs {
  @Field(() => Role, { nullable: true }) @IsOptional() @IsEnum(Role) role?: Role;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() regionId?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() departmentId?: number;
  @Field(() => String, { nullable: true, description: '搜索：用户名、姓名、所属单位（部门、镇、村；镇名含其下各村）或角色名称的一部分' })
  @IsOptional()
  @MaxLength(64)
  search?: string;
  @Field(() => UserSort, { nullable: true, description: '排序字段，默认按创建顺序' })
  @IsOptional()
  @IsEnum(UserSort)
  sort?: UserSort;
  @Field(() => Boolean, { nullable: true, description: 'true 为降序' })
  @IsOptional()
  descending?: boolean;
}

export const UserPage = Paginated(User, 'UserPage');
